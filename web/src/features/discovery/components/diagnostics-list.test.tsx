import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiagnosticsList, diagnosticLocation } from '@/features/discovery/components/diagnostics-list';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const url = '/api/v1/projects/p1/discovery/diagnostics';

describe('DiagnosticsList', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('lists diagnostics with file:line:column and filters by severity on the server', async () => {
    const { calls } = mockFetch({
      [`GET ${url}`]: {
        body: {
          items: [
            { code: 'E-PARSE', severity: 'error', message: 'expected a column name', file: 'a.sql', line: 12, column: 4, snippet: 'CREATE TABLE (' },
          ],
          total: 1,
        },
      },
    });
    renderWithProviders(<DiagnosticsList projectId="p1" />);
    const list = await screen.findByRole('list', { name: 'Diagnostics' }, { timeout: 5000 });
    expect(list).toHaveTextContent('a.sql:12:4');
    expect(list).toHaveTextContent('expected a column name');
    expect(list).toHaveTextContent('CREATE TABLE (');
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'error');
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('severity=error'))).toBe(true));
  }, 20_000);

  it('opens a diagnostic with a file id at its line, by click or keyboard', async () => {
    const { calls } = mockFetch({
      [`GET ${url}`]: {
        body: {
          items: [
            { code: 'E-PARSE', severity: 'error', message: 'expected a table name', file: 'bad.sql', file_id: 'f1', line: 3, column: 14 },
            { code: 'W-CATALOG', severity: 'warning', message: 'no uploaded file', file: 'merged', file_id: null, line: 1, column: 1 },
          ],
          total: 2,
        },
      },
    });
    const onOpenFile = vi.fn();
    renderWithProviders(<DiagnosticsList projectId="p1" onOpenFile={onOpenFile} fileNames={['bad.sql', 'good.sql']} />);
    const link = await screen.findByRole('button', { name: 'Open bad.sql:3:14 in the file viewer' }, { timeout: 5000 });
    await userEvent.click(link);
    expect(onOpenFile).toHaveBeenLastCalledWith(expect.objectContaining({ file_id: 'f1', line: 3 }));
    link.focus();
    await userEvent.keyboard('{Enter}');
    expect(onOpenFile).toHaveBeenCalledTimes(2);
    // Without a file id there is nothing to open: the location is plain text.
    expect(screen.queryByRole('button', { name: /merged:1:1/ })).not.toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Diagnostics' })).toHaveTextContent('merged:1:1');
    // The file filter asks the server for one file's diagnostics.
    await userEvent.selectOptions(screen.getByLabelText('File'), 'bad.sql');
    await vi.waitFor(() => expect(calls.some((c) => c.url.includes('file=bad.sql'))).toBe(true));
  }, 20_000);

  it('formats locations without a file or column', () => {
    expect(diagnosticLocation({ file: null, line: 3, column: null })).toBe('line 3');
    expect(diagnosticLocation({ file: 'x.sql', line: 3, column: null })).toBe('x.sql:3');
    expect(diagnosticLocation({ file: 'x.sql', line: null, column: null })).toBe('x.sql');
  });
});
