// Earlier validation runs, newest first: pick one to see its report.
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableHead } from '@/components/ui/table';
import { REPORTS_PAGE, useReports } from '@/features/validation/api/validation';
import { formatDuration, formatPercent } from '@/features/validation/lib/report';

type Props = {
  projectId: string;
  selected: string | null;
  onSelect: (reportId: string) => void;
  offset: number;
  onOffset: (offset: number) => void;
};

export function ReportHistory({ projectId, selected, onSelect, offset, onOffset }: Props) {
  const reports = useReports(projectId, offset);
  if (reports.isPending) return <LoadingState label="Loading reports…" />;
  if (reports.isError) return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
  if (reports.data.total === 0) return <EmptyState title="No validation runs yet">Each run keeps its report here.</EmptyState>;
  return (
    <div className="stack">
      <Table caption="Validation reports" aria-label="Validation reports">
        <TableHead columns={['When', 'Result', 'Accuracy', 'Checks failed', 'Anomalies', 'Duration', { hidden: 'Open' }]} />
        <tbody>
          {reports.data.items.map((r) => {
            const when = new Date(r.created_at).toLocaleString();
            return (
              <tr key={r.id} aria-current={r.id === selected ? 'true' : undefined}>
                <th scope="row">{when}</th>
                <td>
                  <Badge tone={r.status === 'passed' ? 'success' : 'danger'}>{r.status}</Badge>
                </td>
                <td>{formatPercent(r.overall_accuracy)}</td>
                <td>{(r.checks?.failed ?? 0) + (r.checks?.errored ?? 0)}</td>
                <td>{r.anomalies ?? 0}</td>
                <td>{formatDuration(r.duration_ms)}</td>
                <td>
                  <Button size="sm" disabled={r.id === selected} onClick={() => onSelect(r.id)} aria-label={`${r.id === selected ? 'Shown' : 'Show'}: the report of ${when}`}>
                    {r.id === selected ? 'Shown' : 'Show'}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <Pagination total={reports.data.total} limit={REPORTS_PAGE} offset={offset} onChange={onOffset} label="Report pages" />
    </div>
  );
}
