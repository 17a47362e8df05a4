import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SchemaFile } from '@/api/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FilesTable } from '@/features/files/components/files-table';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { sampleFile } from '@/testing/sample-data';

const projectId = '22222222-2222-4222-8222-222222222222';
const base = `/api/v1/projects/${projectId}/files`;

const parsed = sampleFile({
  id: 'f1',
  filename: 'orders.sql',
  preview_data: {
    format: 'sql',
    dialect: 'mysql',
    dialect_source: 'detected',
    detected_dialect: { dialect: 'mysql', confidence: 0.82 },
    statement_count: 12,
    parsed_statements: 11,
    skipped_statements: 1,
    diagnostic_count: 1,
    diagnostics: [{ code: 'E-PARSE', severity: 'error', line: 40, column: 3, message: 'expected a column name' }],
    first_lines: ['CREATE TABLE orders (', '  id INT'],
  } as unknown as SchemaFile['preview_data'],
});
const parsing = sampleFile({ id: 'f2', filename: 'customers.csv', file_type: 'csv', dialect: null, status: 'stored' });
const failed = sampleFile({ id: 'f3', filename: 'legacy.sql', status: 'failed', error: 'none of its 4 statements could be parsed as oracle' });

describe('FilesTable', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('shows each status, the failure reason and a preview with counts and diagnostics', async () => {
    mockFetch({ [`GET ${base}`]: { body: { items: [parsed, parsing, failed], total: 3 } } });
    renderWithProviders(<FilesTable projectId={projectId} canEdit />);
    const table = await screen.findByRole('table', { name: 'Uploaded files' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]!).getByText('Parsed')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Parsing…')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('Failed')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('none of its 4 statements could be parsed as oracle')).toBeInTheDocument();

    await userEvent.click(within(rows[1]!).getByRole('button', { name: 'Preview of orders.sql' }));
    expect(screen.getByText('MySQL (detected)')).toBeInTheDocument();
    expect(screen.getByText('82%')).toBeInTheDocument();
    expect(screen.getByText('11 of 12 parsed, 1 skipped')).toBeInTheDocument();
    const diagnostics = screen.getByRole('list', { name: 'Diagnostics of orders.sql' });
    expect(diagnostics).toHaveTextContent('orders.sql:40:3 error expected a column name (E-PARSE)');
    expect(screen.getByLabelText('First lines of orders.sql')).toHaveTextContent('CREATE TABLE orders (');
  });

  it('polls while a file is still being parsed', async () => {
    let calls = 0;
    mockFetch({
      [`GET ${base}`]: () => {
        calls += 1;
        return { body: { items: [calls === 1 ? parsing : { ...parsing, status: 'parsed' }], total: 1 } };
      },
    });
    renderWithProviders(<FilesTable projectId={projectId} canEdit />);
    expect(await screen.findByText('Parsing…')).toBeInTheDocument();
    expect(await screen.findByText('Parsed', {}, { timeout: 4000 })).toBeInTheDocument();
  });

  it('deletes a file after confirmation and shows a refusal as the server says it', async () => {
    const { calls } = mockFetch({
      [`GET ${base}`]: { body: { items: [parsed], total: 1 } },
      [`DELETE ${base}/f1`]: problem(403, 'viewers cannot delete files; ask an editor'),
    });
    renderWithProviders(<FilesTable projectId={projectId} canEdit />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete orders.sql' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “orders.sql”?' });
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete file' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('viewers cannot delete files; ask an editor');
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1));
  });

  it('hides deletion from viewers', async () => {
    mockFetch({ [`GET ${base}`]: { body: { items: [parsed], total: 1 } } });
    renderWithProviders(<FilesTable projectId={projectId} canEdit={false} />);
    await screen.findByRole('table', { name: 'Uploaded files' });
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });
});
