// The files picked for upload: a dialect per SQL file, then per-file progress and the
// server's answer (stored, duplicate, or the problem's sentence).
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DIALECTS } from '@/config/dialects';
import { formatBytes, mayBeSql } from '@/features/files/components/file-kinds';
import styles from '@/features/files/components/upload.module.css';
import type { LocalUpload } from '@/features/files/hooks/use-uploads';
import { errorMessage } from '@/lib/api-error';

export const DIALECT_CHOICES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'auto', label: 'Detect automatically' },
  ...DIALECTS,
];

type Props = {
  items: LocalUpload[];
  onDialect: (key: string, dialect: string) => void;
  onRemove: (key: string) => void;
  onCancel: (key: string) => void;
};

function stateView(item: LocalUpload): ReactNode {
  switch (item.state) {
    case 'ready':
      return <Badge>Ready</Badge>;
    case 'uploading': {
      const percent = item.total > 0 ? Math.round((item.loaded / item.total) * 100) : 0;
      return (
        <span className={styles.progress}>
          <progress max={100} value={percent} aria-label={`Uploading ${item.file.name}`} />
          <span>{percent}%</span>
        </span>
      );
    }
    case 'done':
      return <Badge tone="success">Uploaded</Badge>;
    case 'duplicate':
      return <Badge tone="warning">Already uploaded</Badge>;
    case 'cancelled':
      return <Badge>Cancelled</Badge>;
    case 'failed':
      return <Badge tone="danger">Failed</Badge>;
  }
}

export function UploadQueue({ items, onDialect, onRemove, onCancel }: Props) {
  if (items.length === 0) return null;
  return (
    <ul className={styles.queue} aria-label="Files to upload">
      {items.map((item) => {
        const editable = item.state === 'ready' || item.state === 'failed' || item.state === 'cancelled';
        return (
          <li key={item.key} className={styles.queueItem} aria-label={item.file.name}>
            <div className={styles.queueMain}>
              <span className={styles.fileName}>{item.file.name}</span>
              <span className="muted">{formatBytes(item.file.size)}</span>
            </div>
            <div className={styles.queueDialect}>
              {mayBeSql(item.file.name) ? (
                <select
                  aria-label={`Dialect of ${item.file.name}`}
                  value={item.dialect}
                  disabled={!editable}
                  onChange={(event) => onDialect(item.key, event.target.value)}
                >
                  {DIALECT_CHOICES.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              ) : (
                <span className="muted">No dialect needed</span>
              )}
            </div>
            <div className={styles.queueState}>{stateView(item)}</div>
            <div className={styles.queueActions}>
              {item.state === 'uploading' ? (
                <Button size="sm" variant="ghost" onClick={() => onCancel(item.key)}>
                  Cancel
                </Button>
              ) : (
                <Button size="sm" variant="ghost" onClick={() => onRemove(item.key)} aria-label={`Remove ${item.file.name} from the list`}>
                  Remove
                </Button>
              )}
            </div>
            {item.state === 'failed' ? (
              <p className={styles.queueError} role="alert">
                {errorMessage(item.error)}
              </p>
            ) : null}
            {item.state === 'duplicate' && item.stored ? (
              <p className={styles.queueNote}>The same content is already stored as “{item.stored.filename}”.</p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
