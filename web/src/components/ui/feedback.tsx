// Loading, error and empty states, so every request shows one of them.
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import styles from '@/components/ui/feedback.module.css';
import { ApiError, errorMessage } from '@/lib/api-error';

export function Spinner({ label }: { label?: string }) {
  return <span className={styles.spinner} role={label ? 'img' : undefined} aria-label={label} aria-hidden={label ? undefined : true} />;
}

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className={styles.loading} role="status" aria-live="polite">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

export function Skeleton({ width = '100%' }: { width?: string }) {
  return <div className={styles.skeleton} style={{ width }} aria-hidden="true" />;
}

export type AlertTone = 'error' | 'info' | 'success' | 'warning';

export function Alert({ tone = 'info', title, children, action }: { tone?: AlertTone; title?: ReactNode; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={`${styles.alert} ${styles[tone]}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className={styles.alertBody}>
        {title ? <p className={styles.alertTitle}>{title}</p> : null}
        {children}
      </div>
      {action}
    </div>
  );
}

/** The server's sentence (problem `detail`), its per-field messages, and a retry button. */
export function ErrorState({
  error,
  title,
  onRetry,
  omitFields = [],
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** Fields whose messages the form already shows next to the field. */
  omitFields?: readonly string[];
}) {
  const fields = error instanceof ApiError ? error.fieldErrors.filter((f) => !omitFields.includes(f.field)) : [];
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      tone="error"
      title={title}
      action={
        onRetry ? (
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        ) : null
      }
    >
      <p>{errorMessage(error)}</p>
      {fields.length > 0 ? (
        <ul>
          {fields.map((f) => (
            <li key={`${f.field}:${f.message}`}>
              <code>{f.field}</code> {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {requestId ? <p className={styles.requestId}>Request id: {requestId}</p> : null}
    </Alert>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={styles.empty}>
      <p className={styles.emptyTitle}>{title}</p>
      {children ? <div>{children}</div> : null}
      {action}
    </div>
  );
}
