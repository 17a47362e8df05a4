// The project's saved connections, without their secrets: test one (the server's answer
// shown next to it), change one in place, or delete it after confirmation.
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { ConfirmDeleteDialog } from '@/components/ui/item-editing';
import { useConnections, useDeleteConnection, useTestSavedConnection } from '@/features/connections/api/connections';
import { ConnectionForm } from '@/features/connections/components/connection-form';
import styles from '@/features/connections/components/connections.module.css';
import { TestResult } from '@/features/connections/components/test-result';
import { ENGINES } from '@/features/connections/lib/connection-values';
import type { Connection } from '@/features/connections/types';

function target(c: Connection): string {
  const options = c.options ?? {};
  switch (c.engine) {
    case 'sqlite':
      return c.path ?? '';
    case 'odbc':
      return c.user ? `${c.user}@DSN` : 'DSN';
    case 'bigquery':
      return `${c.database ?? ''}${options.dataset ? `.${options.dataset}` : ''}${options.location ? ` (${options.location})` : ''}`;
    case 'databricks':
      return `${c.host ?? ''} · ${options.http_path ?? `warehouse ${options.warehouse_id ?? ''}`}${options.catalog ? ` · ${options.catalog}${options.schema ? `.${options.schema}` : ''}` : ''}`;
    default:
      return `${c.user ? `${c.user}@` : ''}${c.host ?? ''}${c.port ? `:${c.port}` : ''}/${c.database ?? ''}`;
  }
}

/** Which secret is stored, in the engine's words (the secret itself is never sent to the page). */
function storedNote(c: Connection): string | null {
  const notes: string[] = [];
  if (c.password_set) {
    if (c.engine === 'bigquery') notes.push('service-account key stored');
    else if (c.engine === 'databricks') notes.push(c.options?.client_id ? `OAuth client ${c.options.client_id}, secret stored` : 'access token stored');
    else notes.push('password stored');
  }
  if (c.dsn_set) notes.push('DSN stored');
  return notes.length > 0 ? notes.join(', ') : null;
}

export function ConnectionsList({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const connections = useConnections(projectId);
  const remove = useDeleteConnection(projectId);
  const test = useTestSavedConnection(projectId);
  const [tested, setTested] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
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
              {storedNote(c) ? <span className="muted">{storedNote(c)}</span> : null}
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
                  <Button size="sm" variant="ghost" aria-label={`Edit ${c.name}`} aria-expanded={editing === c.id} onClick={() => setEditing(editing === c.id ? null : c.id)}>
                    Edit
                  </Button>
                ) : null}
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
            {editing === c.id ? <ConnectionForm projectId={projectId} connection={c} onDone={() => setEditing(null)} /> : null}
          </li>
        ))}
      </ul>
      <ConfirmDeleteDialog
        item={deleting}
        remove={remove}
        onClose={() => setDeleting(null)}
        title={`Delete the connection “${deleting?.name ?? ''}”?`}
        description="Its stored credentials are erased. Snapshots already taken keep what they found."
        confirmLabel="Delete connection"
      />
    </>
  );
}
