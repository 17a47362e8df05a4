import { Link } from 'react-router';
import { Card } from '@/components/ui/card';
import { PHASES, phaseLabel } from '@/config/phases';
import { dialectLabel } from '@/config/dialects';
import { paths } from '@/config/paths';
import { PhaseStepper } from '@/features/projects/components/phase-stepper';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { formatDateTime } from '@/lib/format';
import type { PhaseName } from '@/api/types';

export default function ProjectOverviewRoute() {
  const { project } = useProjectContext();
  const done = project.completed_phases.length;
  const next = project.phases.find((p) => p.state === 'current');
  return (
    <div className="stack" style={{ gap: 20 }}>
      <Card
        title="Migration phases"
        labelledBy="phases-heading"
        description={
          done === PHASES.length
            ? 'Every phase is done.'
            : `${done} of ${PHASES.length} phases done.${next ? ` Next: ${phaseLabel(next.name)}.` : ''}`
        }
      >
        <PhaseStepper project={project} />
        {next ? (
          <p style={{ marginTop: 18 }}>
            <Link to={paths.projectPhase(project.id, next.name as PhaseName)}>Go to {phaseLabel(next.name)} →</Link>
          </p>
        ) : null}
      </Card>
      <Card title="About this project" labelledBy="about-heading">
        <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '8px 24px', margin: 0 }}>
          <dt className="muted">Description</dt>
          <dd style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{project.description || <span className="muted">None yet</span>}</dd>
          <dt className="muted">Source</dt>
          <dd style={{ margin: 0 }}>{dialectLabel(project.source_dialect)}</dd>
          <dt className="muted">Target</dt>
          <dd style={{ margin: 0 }}>{dialectLabel(project.target_dialect)}</dd>
          <dt className="muted">Created</dt>
          <dd style={{ margin: 0 }}>{formatDateTime(project.created_at)}</dd>
          <dt className="muted">Last change</dt>
          <dd style={{ margin: 0 }}>{formatDateTime(project.updated_at)}</dd>
          <dt className="muted">Started from</dt>
          <dd style={{ margin: 0 }}>{project.template_id ? 'A template' : 'Scratch'}</dd>
        </dl>
      </Card>
    </div>
  );
}
