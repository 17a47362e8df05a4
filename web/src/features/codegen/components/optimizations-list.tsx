// The optimisation advice of a platform's latest generation: what, why, how much it
// matters, and the exact change; automatic advice is applied by regenerating.
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { useOptimizations } from '@/features/codegen/api/codegen';
import styles from '@/features/codegen/components/codegen.module.css';
import type { CodeAdvice, Platform } from '@/features/codegen/types';

const IMPACT_TONE: Record<string, BadgeTone> = { high: 'danger', medium: 'warning', low: 'neutral' };
const IMPACT_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

/** Open advice first, then by impact, automatic before manual. */
export function sortAdvice(items: readonly CodeAdvice[]): CodeAdvice[] {
  return [...items].sort(
    (a, b) =>
      Number(a.applied ?? false) - Number(b.applied ?? false) ||
      (IMPACT_ORDER[a.impact ?? 'low'] ?? 3) - (IMPACT_ORDER[b.impact ?? 'low'] ?? 3) ||
      Number(b.auto_applicable ?? false) - Number(a.auto_applicable ?? false) ||
      (a.advice_id ?? '').localeCompare(b.advice_id ?? ''),
  );
}

type Props = {
  projectId: string;
  platform: Platform;
  canEdit: boolean;
  applying: string | null;
  onApply: (advice: CodeAdvice) => void;
  onShowFile: (codeId: string) => void;
};

export function OptimizationsList({ projectId, platform, canEdit, applying, onApply, onShowFile }: Props) {
  const advice = useOptimizations(projectId, platform);
  if (advice.isPending) return <LoadingState label="Loading optimisation advice…" />;
  if (advice.isError) return <ErrorState error={advice.error} onRetry={() => void advice.refetch()} />;
  if (advice.data.length === 0) return <EmptyState title="No advice">The rules found nothing to improve in this generation.</EmptyState>;
  return (
    <ul className={styles.adviceList} aria-label="Optimisation advice">
      {sortAdvice(advice.data).map((a) => (
        <li key={a.id ?? a.advice_id} className={styles.advice}>
          <div className={styles.adviceHead}>
            <Badge tone={IMPACT_TONE[a.impact ?? 'low'] ?? 'neutral'}>{a.impact ?? 'low'} impact</Badge>
            <Badge tone="info">{a.type}</Badge>
            {a.ai_generated ? <Badge tone="brand">model</Badge> : null}
            {a.applied ? <Badge tone="success">applied</Badge> : null}
            <span className={styles.adviceRule}>{a.rule}</span>
            {a.table ? <span className="muted">on {a.table}</span> : null}
          </div>
          <p>{a.title}</p>
          {a.suggestion ? (
            <p className={styles.change}>
              <span className="muted">Change: </span>
              <code>{a.suggestion}</code>
            </p>
          ) : null}
          <div className="row" style={{ gap: 8 }}>
            {a.auto_applicable && !a.applied ? (
              <Button
                size="sm"
                variant="primary"
                disabled={!canEdit || (applying !== null && applying !== a.advice_id)}
                loading={applying === a.advice_id}
                onClick={() => onApply(a)}
                aria-label={`Apply ${a.advice_id}`}
              >
                Apply
              </Button>
            ) : null}
            {!a.auto_applicable ? <span className="muted">Make this change by hand.</span> : null}
            {a.code_id ? (
              <Button size="sm" variant="ghost" onClick={() => onShowFile(a.code_id!)}>
                Show the file
              </Button>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
