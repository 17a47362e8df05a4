// A phase's page. The phase tools come with later releases; until then the page says so
// plainly, shows where the phase stands, and lets editors record progress by hand.
import { Navigate, useParams } from 'react-router';
import type { PhaseName } from '@/api/types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Alert, ErrorState } from '@/components/ui/feedback';
import { useToast } from '@/components/ui/toast';
import { PHASE_STATE_LABEL, phaseInfo, phaseLabel } from '@/config/phases';
import { paths } from '@/config/paths';
import { useUpdatePhase } from '@/features/projects/api/update-phase';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectPhaseRoute() {
  const { phase = '' } = useParams();
  const { project } = useProjectContext();
  const info = phaseInfo(phase);
  const update = useUpdatePhase(project.id);
  const toast = useToast();
  useDocumentTitle(info ? `${info.label} · ${project.name}` : project.name);

  if (!info) return <Navigate to={paths.project(project.id)} replace />;
  const status = project.phases.find((p) => p.name === info.name);
  const state = status?.state ?? 'blocked';
  const canEdit = project.role !== 'viewer';

  return (
    <div className="stack" style={{ gap: 20, maxWidth: 820 }}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2>{info.label}</h2>
        <Badge tone={state === 'completed' ? 'success' : state === 'current' ? 'brand' : state === 'blocked' ? 'neutral' : 'info'}>
          {PHASE_STATE_LABEL[state]}
        </Badge>
      </div>
      <Alert tone="info" title={`${info.label} is not available yet`}>
        <p>
          The {info.label.toLowerCase()} tools are being built and are not part of this version of Godwit. Nothing on
          this page changes your data.
        </p>
      </Alert>
      <Card title="What this phase will do" labelledBy="phase-plans-heading" description={info.summary}>
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {info.plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </Card>
      <Card
        title="Progress"
        labelledBy="phase-progress-heading"
        description="Until the tools arrive you can record this phase's progress by hand."
      >
        <div className="stack">
          {state === 'blocked' && status?.blocked_by ? (
            <p>
              Blocked: finish <strong>{phaseLabel(status.blocked_by)}</strong> first.
            </p>
          ) : null}
          {update.error ? <ErrorState error={update.error} /> : null}
          <div className="row">
            {state === 'completed' ? (
              <Button
                disabled={!canEdit}
                loading={update.isPending}
                onClick={() =>
                  update.mutate(
                    { phase: info.name as PhaseName, action: 'reopen' },
                    { onSuccess: () => toast.show(`${info.label} reopened`) },
                  )
                }
              >
                Reopen {info.label.toLowerCase()}
              </Button>
            ) : (
              <Button
                variant="primary"
                disabled={!canEdit || state === 'blocked'}
                loading={update.isPending}
                onClick={() =>
                  update.mutate(
                    { phase: info.name as PhaseName, action: 'complete' },
                    { onSuccess: () => toast.show(`${info.label} marked as done`) },
                  )
                }
              >
                Mark {info.label.toLowerCase()} as done
              </Button>
            )}
            {!canEdit ? <span className="muted">Viewers cannot change progress.</span> : null}
          </div>
        </div>
      </Card>
    </div>
  );
}
