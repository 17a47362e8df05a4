// Every discovery run keeps its snapshot; this lists them, newest first.
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { TableHead } from '@/components/ui/table';
import { useSnapshots } from '@/features/discovery/api/discovery';
import styles from '@/features/discovery/components/discovery.module.css';
import { formatDateTime } from '@/lib/format';

export function SnapshotHistory({ projectId }: { projectId: string }) {
  const snapshots = useSnapshots(projectId);
  if (snapshots.isPending) return <LoadingState label="Loading history…" />;
  if (snapshots.isError) return <ErrorState error={snapshots.error} onRetry={() => void snapshots.refetch()} />;
  if (snapshots.data.items.length === 0) return <p className="muted">No snapshots yet.</p>;
  return (
    <table className={styles.compact} aria-label="Snapshot history">
      <TableHead columns={['Version', 'Taken', 'Tables', 'Relationships', 'Complexity', 'Diagnostics']} />
      <tbody>
        {snapshots.data.items.map((s) => (
          <tr key={s.id}>
            <th scope="row">v{s.version}</th>
            <td>{formatDateTime(s.created_at)}</td>
            <td>{s.table_count}</td>
            <td>{s.relationship_count}</td>
            <td>{s.complexity_score.toFixed(1)}</td>
            <td>{s.diagnostic_count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
