// The project's saved connections: test one (the server's answer shown next to it) or
// delete it after confirmation.
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { useConnections, useDeleteConnection, useTestSavedConnection } from '@/features/connections/api/connections';
import { ENGINES } from '@/features/connections/components/connection-form';
import styles from '@/features/connections/components/connections.module.css';
import { TestResult } from '@/features/connections/components/test-result';
import type { Connection } from '@/features/connections/types';

function target(c: Connection): string {
  if (c.engine === 'sqlite') return c.path ?? '';
  if (c.engine === 'odbc') return c.dsn ?? '';
  return `${c.user ? `${c.user}@` : ''}${c.host ?? ''}${c.port ? `:${c.port}` : ''}/${c.database ?? ''}`;
}

export function ConnectionsList({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const connections = useConnections(projectId);
  const remove = useDeleteConnection(projectId);
  const test = useTestSavedConnection(projectId);
  const [tested, setTested] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Connection | null>(null);

  if (connections.isPending) return <LoadingState label="Loading connections…" />;
  if (connections.isError) return <ErrorState error={connections.error} onRetry={() => void connections.refetch()} />;
  if (connections.data.items.length === 0) return <EmptyState title="No connections yet">Add one below to read a live database.</EmptyState>;

  return (
    <>
      <ul className={styles.list} aria-label="Connections">
        {connections.data.items.map((c) => (
          <li key={c.id} className={styles.item} aria-label={c.name}>
            <div className={styles.itemHead}>
              <strong>{c.name}</strong>
              <Badge tone="info">{ENGINES.find((e) => e.value === c.engine)?.label ?? c.engine}</Badge>
              <code className={styles.target}>{target(c)}</code>
              {c.password_set ? <span className="muted">password stored</span> : null}
              <span className={styles.itemActions}>
                <Button
                  size="sm"
                  loading={test.isPending && tested === c.id}
                  aria-label={`Test ${c.name}`}
                  onClick={() => {
                    setTested(c.id);
                    test.mutate(c.id);
                  }}
                >
                  Test
                </Button>
                {canEdit ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Delete ${c.name}`}
                    onClick={() => {
                      remove.reset();
                      setDeleting(c);
                    }}
                  >
                    Delete
                  </Button>
                ) : null}
              </span>
            </div>
            {tested === c.id && !test.isPending ? <TestResult result={test.data} error={test.error} /> : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
        title={`Delete the connection “${deleting?.name ?? ''}”?`}
        description="Its stored credentials are erased. Snapshots already taken keep what they found."
        confirmLabel="Delete connection"
        danger
        pending={remove.isPending}
        error={remove.error}
      />
    </>
  );
}
