import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SuggestionsGrid } from '@/features/mapping/components/suggestions-grid';
import type { FieldMapping } from '@/features/mapping/types';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const projectId = '22222222-2222-4222-8222-222222222222';
const base = `/api/v1/projects/${projectId}/mapping`;

function mapping(overrides: Partial<FieldMapping>): FieldMapping {
  return {
    id: 'm1',
    key: 'fm-1',
    table_mapping_id: 't1',
    sources: [{ table: 'src.customer', column: 'cust_nm' }],
    source_table: 'src.customer',
    source_column: 'cust_nm',
    target_table: 'dw.customers',
    target_column: 'customer_name',
    transformation: 'direct',
    formula: '',
    formula_dialect: 'bigquery',
    value_map: null,
    confidence: 0.93,
    rank: 1,
    status: 'suggested',
    provenance: 'engine',
    model: null,
    description: '',
    evidence: [
      { feature: 'synonym', score: 0.9, weight: 0.5, detail: 'cust → customer, nm → name' },
      { feature: 'type', score: 1, weight: 0.2, detail: 'VARCHAR(80) → STRING' },
    ],
    warnings: [],
    version: 1,
    can_undo: false,
    created_at: '2026-11-25T10:00:00Z',
    updated_at: null,
    updated_by: null,
    approved_at: null,
    ...overrides,
  };
}

const page = {
  items: [
    mapping({}),
    mapping({
      id: 'm2',
      source_column: 'birth_dt',
      sources: [{ table: 'src.customer', column: 'birth_dt' }],
      target_column: 'birth_date',
      transformation: 'cast',
      formula: 'SAFE_CAST(birth_dt AS DATE)',
      confidence: 0.42,
      warnings: ['VARCHAR(10) -> DATE: values that are not dates become NULL'],
    }),
  ],
  total: 2,
  limit: 50,
  offset: 0,
};

describe('SuggestionsGrid', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('shows each mapping with its confidence, formula, warning and evidence', async () => {
    mockFetch({ [`GET ${base}/suggestions`]: { body: page } });
    renderWithProviders(<SuggestionsGrid projectId={projectId} targetTable={null} canEdit />);
    const table = await screen.findByRole('table', { name: 'Column mappings' });
    expect(within(table).getByLabelText(/Confidence of src.customer.cust_nm → dw.customers.customer_name: 93%, high/)).toBeInTheDocument();
    expect(within(table).getByText('SAFE_CAST(birth_dt AS DATE)')).toBeInTheDocument();
    expect(within(table).getByText(/values that are not dates become NULL/)).toBeInTheDocument();
    expect(within(table).getAllByText(/Synonyms and abbreviations 0.90/)[0]).toBeInTheDocument();
  });

  it('approves the selected mappings by id', async () => {
    const { calls } = mockFetch({
      [`GET ${base}/suggestions`]: { body: page },
      [`POST ${base}/approve`]: { body: { changed: [], changed_count: 1, unchanged: 0, not_found: [] } },
    });
    renderWithProviders(<SuggestionsGrid projectId={projectId} targetTable={null} canEdit />);
    await userEvent.click(await screen.findByLabelText('Select src.customer.cust_nm → dw.customers.customer_name'));
    await userEvent.click(screen.getByRole('button', { name: 'Approve selected (1)' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ ids: ['m1'] });
    expect(await screen.findByText('1 mapping(s) approved')).toBeInTheDocument();
  });

  it('accepts everything above the threshold of the chosen table', async () => {
    const { calls } = mockFetch({
      [`GET ${base}/suggestions`]: { body: page },
      [`POST ${base}/approve`]: { body: { changed: [], changed_count: 5, unchanged: 0, not_found: [] } },
    });
    renderWithProviders(<SuggestionsGrid projectId={projectId} targetTable="dw.customers" canEdit />);
    await screen.findByRole('table', { name: 'Column mappings' });
    const threshold = screen.getByLabelText('Approval threshold');
    await userEvent.clear(threshold);
    await userEvent.type(threshold, '0.85');
    await userEvent.click(screen.getByRole('button', { name: 'Accept above threshold' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ min_confidence: 0.85, table: 'dw.customers' });
    expect(calls.find((c) => c.method === 'GET')?.url).toContain('target_table=dw.customers');
  });

  it('shows the parser diagnostic of a bad formula under the formula field', async () => {
    mockFetch({
      [`GET ${base}/suggestions`]: { body: page },
      [`PATCH ${base}/suggestions/m2`]: problem(422, 'the formula is not valid', [
        { field: 'formula', message: 'line 1, column 10: expected an expression after AS' },
      ]),
    });
    renderWithProviders(<SuggestionsGrid projectId={projectId} targetTable={null} canEdit />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit src.customer.birth_dt → dw.customers.birth_date' }));
    const formula = screen.getByLabelText('Formula (SQL)');
    await userEvent.clear(formula);
    await userEvent.type(formula, 'CAST(birth_dt AS)');
    await userEvent.click(screen.getByRole('button', { name: 'Save mapping' }));
    expect(await screen.findByText('line 1, column 10: expected an expression after AS')).toBeInTheDocument();
    expect(screen.getByLabelText('Formula (SQL)')).toHaveAttribute('aria-invalid', 'true');
  });

  it('hides the decision controls from viewers', async () => {
    mockFetch({ [`GET ${base}/suggestions`]: { body: page } });
    renderWithProviders(<SuggestionsGrid projectId={projectId} targetTable={null} canEdit={false} />);
    await screen.findByRole('table', { name: 'Column mappings' });
    expect(screen.queryByRole('button', { name: /Approve/ })).not.toBeInTheDocument();
  });
});
