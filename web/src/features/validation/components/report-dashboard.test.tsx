import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ReportDashboard } from '@/features/validation/components/report-dashboard';
import type { ReportDetail } from '@/features/validation/types';
import { renderWithProviders } from '@/testing/render';

const report = {
  id: 'r1',
  status: 'failed',
  overall_accuracy: 98.00995,
  records_tested: 201,
  records_failed: 4,
  checks: { passed: 4, failed: 4, errored: 0, skipped: 0 },
  anomalies: 1,
  source_engine: 'sqlite',
  target_engine: 'sqlite',
  duration_ms: 105,
  created_at: '2026-11-25T20:27:28Z',
  report: {
    format_version: 1,
    passed: false,
    tables: [
      { source_table: 'customers', target_table: 'customers', mapping_ids: [], status: 'failed', source_rows: 200, target_rows: 200, checks_passed: 3, checks_failed: 4, checks_errored: 0, records_tested: 201, records_failed: 4, accuracy: 0.9801 },
    ],
    checks: [
      {
        id: 'aggregate:customers:balance',
        kind: 'aggregate',
        status: 'failed',
        severity: 'medium',
        source_table: 'customers',
        target_table: 'customers',
        target_column: 'balance',
        mapping_ids: [],
        message: '',
        expected: { min: '2.25', max: '400.25', avg: '201.2' },
        actual: { min: '2.25', max: '402.25', avg: '203.2' },
      },
    ],
    anomalies: [],
    diagnostics: [{ code: 'W-VALIDATE-NOT-COMPARED', severity: 'warning', message: 'orders is filled from two tables' }],
  },
} as unknown as ReportDetail;

describe('ReportDashboard', () => {
  it('shows the verdict, the figures, each table and a chart per numeric column', async () => {
    const onExport = vi.fn();
    renderWithProviders(<ReportDashboard report={report} onExport={onExport} />);
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('98.00%')).toBeInTheDocument();
    const row = within(screen.getByRole('table', { name: 'Tables' })).getByRole('row', { name: /customers/ });
    expect(row).toHaveTextContent('200 / 200');
    expect(row).toHaveTextContent('98.01%');
    const chart = screen.getByRole('img', { name: /customers\.balance/ });
    expect(chart).toHaveAccessibleName(/source from 2\.25 to 400\.25, average 201\.2; target from 2\.25 to 402\.25/);
    expect(screen.getByText(/orders is filled from two tables/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Export HTML' }));
    expect(onExport).toHaveBeenCalledWith('html');
  });
});
