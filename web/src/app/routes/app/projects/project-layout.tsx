// A project's frame: its name, status and dialects, and tabs for its pages.
import { useEffect } from 'react';
import { Link, NavLink, Outlet, useMatch, useParams } from 'react-router';
import { PageHeader } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { paths } from '@/config/paths';
import { useProject } from '@/features/projects/api/get-project';
import { usePrefetchDiscovery } from '@/features/discovery/hooks/use-prefetch-discovery';
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
  // The discovery page's data and code load beside the project, not after it.
  const onDiscovery = useMatch('/projects/:id/discovery') !== null;
  usePrefetchDiscovery(id, onDiscovery);
  useEffect(() => {
    if (onDiscovery) void import('@/app/routes/app/projects/discovery');
  }, [onDiscovery]);

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
