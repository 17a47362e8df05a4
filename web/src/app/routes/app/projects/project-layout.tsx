// A project's frame: its name, status and dialects, and tabs for its pages.
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { PageHeader } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { paths } from '@/config/paths';
import { useProject } from '@/features/projects/api/get-project';
import { DialectPair } from '@/features/projects/components/dialect-pair';
import { ProjectStatusBadge } from '@/features/projects/components/project-status-badge';
import styles from '@/app/routes/app/projects/project-layout.module.css';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { ApiError } from '@/lib/api-error';
import type { ProjectContext } from '@/app/routes/app/projects/project-context';

export default function ProjectLayout() {
  const { id = '' } = useParams();
  const project = useProject(id);
  useDocumentTitle(project.data?.name ?? 'Project');

  if (project.isPending) return <LoadingState label="Loading project…" />;
  if (project.isError) {
    const missing = project.error instanceof ApiError && project.error.status === 404;
    return (
      <>
        <PageHeader eyebrow={<Link to={paths.projects}>Projects</Link>} title={missing ? 'Project not found' : 'Project'} />
        <ErrorState
          title={missing ? 'This project does not exist, or you are not one of its members.' : 'The project could not be loaded'}
          error={project.error}
          onRetry={missing ? undefined : () => void project.refetch()}
        />
      </>
    );
  }

  const p = project.data;
  const context: ProjectContext = { project: p };
  return (
    <>
      <PageHeader
        eyebrow={<Link to={paths.projects}>Projects</Link>}
        title={p.name}
        description={
          <span className={styles.meta}>
            <ProjectStatusBadge status={p.status} />
            <DialectPair source={p.source_dialect} target={p.target_dialect} />
            <span className="muted">Your role: {p.role}</span>
          </span>
        }
      />
      <nav className={styles.tabs} aria-label="Project">
        <NavLink end to={paths.project(p.id)} className={styles.tab}>
          Overview
        </NavLink>
        <NavLink to={paths.projectMembers(p.id)} className={styles.tab}>
          Members
        </NavLink>
        <NavLink to={paths.projectSettings(p.id)} className={styles.tab}>
          Settings
        </NavLink>
      </nav>
      <Outlet context={context} />
    </>
  );
}
