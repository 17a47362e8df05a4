import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlatformPanel } from '@/features/codegen/components/platform-panel';
import { ProvenancePanel } from '@/features/codegen/components/provenance-panel';
import type { CodeFile, Generation } from '@/features/codegen/types';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, sampleSession, type RecordedCall } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const projectId = '22222222-2222-4222-8222-222222222222';
const base = `/api/v1/projects/${projectId}/codegen`;
const ok = { checked: true, ok: true, statements: 2, diagnostics: [] };

function file(id: string, path: string, content: string, extra: Partial<CodeFile> = {}): CodeFile {
  return { id, path, language: 'sql', dialect: 'bigquery', size: content.length, content, verification: ok, provenance: [], ...extra };
}

const v1Load = file('old-load', 'load/orders.sql', 'INSERT INTO orders\nSELECT id\nFROM staging.orders;\n');
const v2Load = file('new-load', 'load/orders.sql', 'INSERT INTO orders\nSELECT id, UPPER(name) AS name\nFROM staging.orders;\n', {
  provenance: [{ first_line: 2, last_line: 2, mapping_ids: ['fm-name'] }],
});
const v2Ddl = file('new-ddl', 'ddl/orders.sql', 'CREATE TABLE orders (id INT64, name STRING);\nCREATE TABLE broken (;\n', {
  verification: { checked: true, ok: false, statements: 1, diagnostics: [{ code: 'E-PARSE', severity: 'error', message: "expected a column name, found ';'", line: 2, column: 22 }] },
});

function generation(id: string, version: number, files: CodeFile[]): Generation {
  return {
    id,
    platform: 'bigquery',
    version,
    file_count: files.length,
    verification: { ok: files.filter((f) => f.verification?.ok).length, failed: files.filter((f) => !f.verification?.ok).length },
    applied_advice: [],
    files: files.map(({ content: _c, provenance: _p, ...rest }) => rest),
  };
}

const g1 = generation('g1', 1, [v1Load]);
const g2: Generation = {
  ...generation('g2', 2, [v2Load, v2Ddl]),
  load_plan: {
    waves: [
      { wave: 1, tables: ['customers'] },
      { wave: 2, tables: ['orders'] },
    ],
    broken_dependencies: [{ table: 'orders', references: 'orders', foreign_key: 'fk_parent', cycle: ['orders'] }],
  },
};

function mockApi() {
  return mockFetch({
    [`GET ${base}/codes`]: (call: RecordedCall) => ({ body: { items: [call.url.includes('generation_id=g1') ? g1 : g2] } }),
    [`GET ${base}/generations`]: { body: { items: [g2, g1].map(({ files: _f, ...g }) => g) } },
    [`GET ${base}/codes/new-load`]: { body: v2Load },
    [`GET ${base}/codes/new-ddl`]: { body: v2Ddl },
    [`GET ${base}/codes/old-load`]: { body: v1Load },
    [`GET ${base}/optimizations`]: {
      body: { items: [{ id: 'a1', advice_id: 'cluster:orders', code_id: 'new-load', rule: 'BQ-CLUSTER', type: 'performance', impact: 'high', title: 'Cluster orders', suggestion: 'CLUSTER BY id', auto_applicable: true, applied: false }] },
    },
    [`POST ${base}/validate`]: { body: { ok: false, files_ok: 1, files_failed: 1, platforms: [{ platform: 'bigquery', generation_id: 'g2', version: 2, ok: 1, failed: 1 }] } },
    [`POST ${base}/optimize`]: { status: 201, body: { ...g2, id: 'g3', version: 3 } },
    [`GET /api/v1/projects/${projectId}/mapping/table-mappings`]: { body: { items: [] } },
    [`GET /api/v1/projects/${projectId}/mapping/suggestions`]: {
      body: {
        items: [{ key: 'fm-name', sources: [{ table: 'src.orders', column: 'nm' }], source_table: 'src.orders', source_column: 'nm', target_table: 'orders', target_column: 'name', transformation: 'computed', formula: 'UPPER(nm)', status: 'approved' }],
        total: 1,
      },
    },
  });
}

// CodeMirror and several queries per test: slow on a loaded machine.
const slow = { timeout: 30_000 };
const wait = { timeout: 15_000 };

describe('PlatformPanel', slow, () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('lists the files with their verification and opens the first one with its parse problems', async () => {
    mockApi();
    renderWithProviders(<PlatformPanel projectId={projectId} platform="bigquery" canEdit />);
    const tree = await screen.findByRole('navigation', { name: 'BigQuery files' }, wait);
    const buttons = within(tree).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['✗orders.sql, Parse errors', '✓orders.sql, Parsed OK']);
    expect(await screen.findByRole('heading', { name: 'ddl/orders.sql' }, wait)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Parse problems in ddl/orders.sql' })).toHaveTextContent("2:22 error E-PARSE: expected a column name, found ';'");
    expect(await screen.findByRole('textbox', { name: 'Contents of ddl/orders.sql' }, wait)).toHaveTextContent('CREATE TABLE orders');
  });

  it('opens the file and line a link names (from a failing validation check)', async () => {
    mockApi();
    renderWithProviders(<PlatformPanel projectId={projectId} platform="bigquery" canEdit initialPath="load/orders.sql" initialLine={2} />);
    expect(await screen.findByRole('heading', { name: 'load/orders.sql' }, wait)).toBeInTheDocument();
    expect(await screen.findByText('Line 2 comes from:', undefined, wait)).toBeInTheDocument();
  });

  it('shows the changes since the previous version of the same file', async () => {
    mockApi();
    renderWithProviders(<PlatformPanel projectId={projectId} platform="bigquery" canEdit />);
    const tree = await screen.findByRole('navigation', { name: 'BigQuery files' }, wait);
    await userEvent.click(within(tree).getByRole('button', { name: /Parsed OK/ }));
    await screen.findByRole('textbox', { name: 'Contents of load/orders.sql' }, wait);
    await userEvent.click(screen.getByLabelText('Show changes since version 1'));
    expect(await screen.findByText('Changes since version 1: 1 changed block(s).', undefined, wait)).toBeInTheDocument();
    await waitFor(() => expect(document.querySelector('.cm-deletedChunk')).toHaveTextContent('SELECT id'), wait);
  });

  it('applies advice by regenerating, then shows what changed in its file', async () => {
    const { calls } = mockApi();
    renderWithProviders(<PlatformPanel projectId={projectId} platform="bigquery" canEdit />);
    await userEvent.click(await screen.findByRole('button', { name: 'Apply cluster:orders' }, wait));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ platform: 'bigquery', advice_ids: ['cluster:orders'] }), wait);
    expect(await screen.findByText(/Applied cluster:orders: BigQuery regenerated as version 3/, undefined, wait)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'load/orders.sql' }, wait)).toBeInTheDocument();
    expect(screen.getByLabelText('Show changes since version 1')).toBeChecked();
  });
});

describe('PlatformPanel load plan and validation', slow, () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('shows the waves in order and the cycle the plan broke', async () => {
    mockApi();
    renderWithProviders(<PlatformPanel projectId={projectId} platform="bigquery" canEdit={false} />);
    const waves = await screen.findByRole('list', { name: 'Load plan' }, wait);
    const items = within(waves).getAllByRole('listitem', { name: /^Wave/ });
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['Wave 1', 'Wave 2']);
    expect(items[1]).toHaveTextContent('orders');
    expect(screen.getByText(/2 tables in 2 waves/)).toBeInTheDocument();
    expect(screen.getByRole('note', { name: 'Foreign key cycles broken' })).toHaveTextContent(
      'orders references itself through foreign key fk_parent (cycle: orders → orders): load it in one pass and check the key afterwards.',
    );
  });

  it('validates the platform again and reads the files again for their marks', async () => {
    const { calls } = mockApi();
    renderWithProviders(<PlatformPanel projectId={projectId} platform="bigquery" canEdit={false} />);
    await screen.findByRole('navigation', { name: 'BigQuery files' }, wait);
    const listReads = () => calls.filter((c) => c.method === 'GET' && c.url.includes('/codes?')).length;
    const before = listReads();
    await userEvent.click(screen.getByRole('button', { name: 'Validate again' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ platform: 'bigquery' }), wait);
    expect(await screen.findByText('BigQuery validated again: 1 file(s) parsed OK, 1 with errors.', undefined, wait)).toBeInTheDocument();
    await waitFor(() => expect(listReads()).toBeGreaterThan(before), wait);
  });
});

describe('ProvenancePanel', () => {
  it('names the mapping of the line, or says why there is none', () => {
    const provenance = [{ first_line: 2, last_line: 2, mapping_ids: ['fm-name', 'fm-gone'] }];
    const mappings = new Map([['fm-name', { key: 'fm-name', kind: 'field' as const, source: 'src.orders.nm', target: 'orders.name', formula: 'UPPER(nm)', status: 'approved' }]]);
    const { rerender } = renderWithProviders(<ProvenancePanel projectId={projectId} line={2} provenance={provenance} mappings={mappings} />);
    const region = screen.getByRole('region', { name: 'Where this line comes from' });
    expect(region).toHaveTextContent('Line 2 comes from:');
    expect(region).toHaveTextContent('src.orders.nm → orders.name = UPPER(nm)');
    expect(region).toHaveTextContent('mapping fm-gone');
    expect(within(region).getByRole('link', { name: 'Open the mapping page' })).toHaveAttribute('href', `/projects/${projectId}/mapping`);
    rerender(<ProvenancePanel projectId={projectId} line={1} provenance={provenance} mappings={mappings} />);
    expect(screen.getByText('Line 1 is not traced to a mapping.')).toBeInTheDocument();
    rerender(<ProvenancePanel projectId={projectId} line={null} provenance={[]} mappings={mappings} />);
    expect(screen.getByText(/No line of this file is traced/)).toBeInTheDocument();
  });
});
