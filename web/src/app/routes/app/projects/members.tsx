import { useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { MembersPanel } from '@/features/projects/components/members-panel';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useCurrentUser } from '@/hooks/use-session';

export default function ProjectMembersRoute() {
  const { project } = useProjectContext();
  const user = useCurrentUser();
  const navigate = useNavigate();
  return <MembersPanel project={project} currentUserId={user.id} onLeft={() => navigate(paths.projects)} />;
}
