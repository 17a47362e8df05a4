import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rangeAround } from '@/features/files/api/get-file-content';
import { FileLineViewer } from '@/features/files/components/file-line-viewer';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, sampleSession, type RecordedCall } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const url = '/api/v1/projects/p1/files/f1/content';
const TOTAL = 120;

/** Answers like the server: lines "line N" of a 120-line file, `to` clamped. */
function content(call: RecordedCall) {
  const query = new URL(call.url, 'http://test').searchParams;
  const from = Number(query.get('from'));
  const to = Math.min(TOTAL, Number(query.get('to')));
  const lines = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => (from + i === 50 ? 'CREATE TABLE (x int);' : `line ${from + i}`));
  return { body: { file_id: 'f1', filename: 'bad.sql', from, to, total_lines: TOTAL, lines, clipped_lines: [], max_line_chars: 2000 } };
}

describe('FileLineViewer', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('asks for the lines around the diagnostic and highlights its line', async () => {
    const { calls } = mockFetch({ [`GET ${url}`]: content });
    const onClose = vi.fn();
    renderWithProviders(
      <FileLineViewer projectId="p1" location={{ fileId: 'f1', fileName: 'bad.sql', line: 50, column: 14, message: 'expected a table name' }} onClose={onClose} />,
    );
    const dialog = screen.getByRole('dialog', { name: 'bad.sql:50:14' });
    const region = await within(dialog).findByRole('region', { name: 'bad.sql, lines 30 to 70' }, { timeout: 5000 });
    expect(calls[0]?.url).toContain('from=30');
    expect(calls[0]?.url).toContain('to=70');
    const current = region.querySelector('[aria-current="location"]');
    expect(current).toHaveTextContent('50CREATE TABLE (x int);');
    expect(current).toHaveAttribute('data-line', '50');
    expect(region.querySelectorAll('li')).toHaveLength(41);
    expect(region).toHaveAttribute('tabindex', '0');  // the keyboard can scroll it
    expect(dialog).toHaveTextContent('expected a table name');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Show later lines' }));
    await within(dialog).findByRole('region', { name: 'bad.sql, lines 30 to 90' }, { timeout: 5000 });
    expect(calls.at(-1)?.url).toContain('to=90');

    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  }, 20_000);

  it('disables earlier lines at the top and says when the line is past the end', async () => {
    mockFetch({ [`GET ${url}`]: content });
    renderWithProviders(<FileLineViewer projectId="p1" location={{ fileId: 'f1', fileName: 'bad.sql', line: 3 }} onClose={() => {}} />);
    await screen.findByRole('region', { name: 'bad.sql, lines 1 to 23' }, { timeout: 5000 });
    expect(screen.getByRole('button', { name: 'Show earlier lines' })).toBeDisabled();
  }, 20_000);

  it('explains a line the file no longer has', async () => {
    mockFetch({ [`GET ${url}`]: content });
    renderWithProviders(<FileLineViewer projectId="p1" location={{ fileId: 'f1', fileName: 'bad.sql', line: 500 }} onClose={() => {}} />);
    expect(await screen.findByText(/Line 500 is past the end of this file \(120 lines\)/, {}, { timeout: 5000 })).toBeInTheDocument();
  }, 20_000);

  it('opens with the line in the middle of the window, never before line 1', () => {
    expect(rangeAround(50)).toEqual({ from: 30, to: 70 });
    expect(rangeAround(3)).toEqual({ from: 1, to: 23 });
    expect(rangeAround(null)).toEqual({ from: 1, to: 21 });
  });
});
