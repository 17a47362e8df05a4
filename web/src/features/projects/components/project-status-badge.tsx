import type { ProjectStatus } from '@/api/types';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { statusLabel } from '@/config/phases';

const TONE: Record<ProjectStatus, BadgeTone> = {
  draft: 'neutral',
  in_progress: 'info',
  completed: 'success',
  archived: 'warning',
};

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  return (
    <Badge tone={TONE[status] ?? 'neutral'} dot>
      {statusLabel(status)}
    </Badge>
  );
}
