import type { Project } from '@/api/types';
import { Stepper, type Step } from '@/components/ui/stepper';
import { PHASES, phaseInfo, phaseLabel } from '@/config/phases';
import { paths } from '@/config/paths';

/** The project's five phases in order, from the API's `phases[]` (state and blocked_by). */
export function projectSteps(project: Project): Step[] {
  const byName = new Map(project.phases.map((p) => [p.name, p]));
  return PHASES.map((info) => {
    const status = byName.get(info.name);
    const state = status?.state ?? 'blocked';
    return {
      key: info.name,
      label: info.label,
      state,
      description: phaseInfo(info.name)?.summary,
      note: state === 'blocked' && status?.blocked_by ? `Waiting for ${phaseLabel(status.blocked_by)}` : undefined,
      href: paths.projectPhase(project.id, info.name),
    };
  });
}

export function PhaseStepper({ project }: { project: Project }) {
  return <Stepper steps={projectSteps(project)} label="Migration phases" />;
}
