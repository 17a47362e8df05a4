// The project-level analysis: the complexity score and its factors, the findings a
// migration lead needs, and a business-domain guess per table.
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Alert, ErrorState } from '@/components/ui/feedback';
import { useAnalyze } from '@/features/discovery/api/analyze';
import { ComplexityFactors } from '@/features/discovery/components/complexity-breakdown';
import styles from '@/features/discovery/components/discovery.module.css';
import { formatConfidence } from '@/features/discovery/lib/graph-transform';

export function AnalysisPanel({ projectId }: { projectId: string }) {
  const run = useAnalyze(projectId);
  const result = run.data;
  return (
    <div className="stack">
      <div className="row">
        <Button onClick={() => run.mutate(undefined)} loading={run.isPending}>
          {result ? 'Analyze again' : 'Analyze the latest snapshot'}
        </Button>
      </div>
      {run.isError ? <ErrorState error={run.error} title="The analysis failed" /> : null}
      {result?.llm.warning ? <Alert tone="warning">{result.llm.warning}</Alert> : null}
      {result ? (
        <>
          <p>
            Project complexity <strong>{result.complexity.score.toFixed(1)} / 10</strong>
            {result.llm.used ? (
              <span className="muted">
                {' '}
                · with {result.llm.provider} {result.llm.model}
              </span>
            ) : (
              <span className="muted"> · offline engines</span>
            )}
          </p>
          {result.complexity.factors.length > 0 ? (
            <ComplexityFactors factors={result.complexity.factors} label="Project complexity factors" />
          ) : null}
          <h3 className={styles.subheading}>Findings ({result.findings.length})</h3>
          {result.findings.length === 0 ? (
            <p className="muted">No findings.</p>
          ) : (
            <ul className={styles.findings} aria-label="Project findings">
              {result.findings.map((f, i) => (
                <li key={f.id ?? `${f.code}:${i}`}>
                  <Badge tone={f.severity === 'error' || f.severity === 'high' ? 'danger' : f.severity === 'warning' || f.severity === 'medium' ? 'warning' : 'neutral'}>
                    {f.severity}
                  </Badge>{' '}
                  <strong>{f.title ?? f.code}</strong> {f.detail ?? ''}
                  {Array.isArray(f.objects) && f.objects.length > 0 ? (
                    <span className="muted"> — {f.objects.slice(0, 6).map((o) => (typeof o === 'string' ? o : JSON.stringify(o))).join(', ')}{f.objects.length > 6 ? ` and ${f.objects.length - 6} more` : ''}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {result.domains.length > 0 ? (
            <>
              <h3 className={styles.subheading}>Business domains</h3>
              <ul className={styles.findings} aria-label="Business domains">
                {result.domains.map((d) => (
                  <li key={d.table}>
                    <code>{d.table}</code>: {d.domain} <span className="muted">({formatConfidence(d.confidence)}{d.provenance ? `, ${d.provenance}` : ''})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
