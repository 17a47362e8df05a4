import { LinkButton } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { Pagination } from '@/components/ui/pagination';
import { paths } from '@/config/paths';
import { useProjects } from '@/features/projects/api/get-projects';
import { ProjectFilters } from '@/features/projects/components/project-filters';
import { ProjectsTable } from '@/features/projects/components/projects-table';
import { toQuery, useProjectFilters } from '@/features/projects/hooks/use-project-filters';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectsRoute() {
  useDocumentTitle('Projects');
  const { filters, update, clear, active } = useProjectFilters();
  const projects = useProjects(toQuery(filters));

  return (
    <>
      <PageHeader
        title="Projects"
        description="Your migrations, from first upload to validated data."
        actions={
          <LinkButton to={paths.newProject} variant="primary">
            New project
          </LinkButton>
        }
      />
      <div className="stack">
        <ProjectFilters filters={filters} onChange={update} onClear={clear} active={active} />
        {projects.isPending ? (
          <LoadingState label="Loading projects…" />
        ) : projects.isError ? (
          <ErrorState title="The projects could not be loaded" error={projects.error} onRetry={() => void projects.refetch()} />
        ) : projects.data.total === 0 && !active ? (
          <EmptyState
            title="No projects yet"
            action={
              <LinkButton to={paths.newProject} variant="primary">
                Create your first project
              </LinkButton>
            }
          >
            Start from a template for a common migration, or from scratch.
          </EmptyState>
        ) : projects.data.items.length === 0 ? (
          <EmptyState title="No project matches these filters">Try another search, or clear the filters.</EmptyState>
        ) : (
          <div className="stack" aria-busy={projects.isFetching || undefined} style={{ gap: 12 }}>
            <ProjectsTable projects={projects.data.items} sort={filters.sort} onSort={(sort) => update({ sort })} />
            <Pagination
              label="Projects pages"
              total={projects.data.total}
              limit={filters.limit}
              offset={filters.offset}
              onChange={(offset) => update({ offset })}
              onLimitChange={(limit) => update({ limit })}
            />
          </div>
        )}
      </div>
    </>
  );
}
