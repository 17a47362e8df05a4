import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TablePanel } from '@/features/discovery/components/table-panel';
import type { TableDetail } from '@/features/discovery/types';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const projectId = 'p1';
const url = `/api/v1/projects/${projectId}/discovery/tables/t1`;

const detail: TableDetail = {
  id: 't1',
  schema: 'sales',
  name: 'orders',
  kind: 'table',
  role: 'source',
  column_count: 2,
  row_count: 1200,
  finding_count: 1,
  columns: [
    { name: 'id', data_type: 'NUMBER(10)', canonical_type: 'BIGINT', nullable: false, is_primary_key: true, is_foreign_key: false },
    { name: 'cust_no', data_type: 'NUMBER(10)', nullable: true, is_primary_key: false, is_foreign_key: true, references_table: 'customers', references_column: 'id' },
  ],
  relationships: [
    {
      id: 'r1',
      type: 'inferred',
      source_table: 'sales.orders',
      target_table: 'sales.customers',
      source_column: 'cust_no',
      target_column: 'id',
      confidence: 0.78,
      relationship_type: 'many_to_one',
      ai_generated: false,
      evidence: ['name pattern cust_no → customers.id', { kind: 'type', detail: 'compatible types NUMBER(10)', score: 0.9 }],
    },
  ],
  findings: [{ code: 'W-NULLABLE-FK', severity: 'warning', title: 'Nullable foreign key', detail: 'cust_no may be null' }],
  complexity: { score: 3.5, factors: [{ name: 'exotic_types', value: 2, weight: 1.5, detail: 'NUMBER without scale' }] },
  origin: { file: 'oracle/orders.sql', line: 12 },
};

describe('TablePanel', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('shows columns with keys, relationships with confidence and evidence, findings, complexity and origin', async () => {
    mockFetch({ [`GET ${url}`]: { body: detail } });
    const onClose = vi.fn();
    renderWithProviders(<TablePanel projectId={projectId} tableId="t1" onClose={onClose} />);
    expect(await screen.findByRole('heading', { name: 'sales.orders' }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('oracle/orders.sql:12')).toBeInTheDocument();
    expect(screen.getByText('1,200 rows')).toBeInTheDocument();

    const columns = screen.getByRole('table', { name: 'Columns of orders' });
    const idRow = within(columns).getByRole('row', { name: /^id/ });
    expect(idRow).toHaveTextContent('NUMBER(10) (BIGINT)');
    expect(within(idRow).getByText('PK')).toBeInTheDocument();
    expect(within(columns).getByText('FK → customers.id')).toBeInTheDocument();

    const rels = screen.getByRole('list', { name: 'Relationships' });
    expect(rels).toHaveTextContent('Inferred');
    expect(rels).toHaveTextContent('sales.orders.cust_no → sales.customers.id');
    expect(within(rels).getByText('confidence 78%')).toBeInTheDocument();
    expect(within(rels).getByText('many-to-one')).toBeInTheDocument();
    const evidence = within(rels).getByRole('list', { name: 'Evidence' });
    expect(evidence).toHaveTextContent('name pattern cust_no → customers.id');
    expect(evidence).toHaveTextContent('compatible types NUMBER(10) (90%)');

    expect(screen.getByRole('list', { name: 'Findings' })).toHaveTextContent('warning Nullable foreign key cust_no may be null');
    expect(screen.getByRole('heading', { name: 'Complexity 3.5 / 10' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Complexity factors of orders' })).toHaveTextContent('exotic types');

    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  }, 20_000);

  it("shows the server's sentence when the table cannot be loaded", async () => {
    mockFetch({ [`GET ${url}`]: problem(404, 'no table t1 in the latest snapshot; run discovery again') });
    renderWithProviders(<TablePanel projectId={projectId} tableId="t1" onClose={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('no table t1 in the latest snapshot; run discovery again');
  });
});
