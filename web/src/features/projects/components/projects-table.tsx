import { Link } from 'react-router';
import type { Project, ProjectSort } from '@/api/types';
import { Badge } from '@/components/ui/badge';
import { SortableHeader, Table, type SortDirection } from '@/components/ui/table';
import { phaseLabel } from '@/config/phases';
import { paths } from '@/config/paths';
import { DialectPair } from '@/features/projects/components/dialect-pair';
import { ProjectStatusBadge } from '@/features/projects/components/project-status-badge';
import { formatDateTime, formatRelative } from '@/lib/format';

type SortKey = 'name' | 'status' | 'created_at' | 'updated_at';

function direction(sort: ProjectSort, key: SortKey): SortDirection {
  if (sort === key) return 'ascending';
  if (sort === `-${key}`) return 'descending';
  return null;
}

/** Clicking a column sorts by it; clicking it again flips the order. Dates start newest first. */
export function nextSort(sort: ProjectSort, key: SortKey): ProjectSort {
  if (sort === key) return `-${key}` as ProjectSort;
  if (sort === `-${key}`) return key;
  return key === 'name' || key === 'status' ? key : (`-${key}` as ProjectSort);
}

export function ProjectsTable({
  projects,
  sort,
  onSort,
}: {
  projects: readonly Project[];
  sort: ProjectSort;
  onSort: (sort: ProjectSort) => void;
}) {
  return (
    <Table caption="Projects">
      <thead>
        <tr>
          <SortableHeader label="Name" direction={direction(sort, 'name')} onSort={() => onSort(nextSort(sort, 'name'))} />
          <th scope="col">Dialects</th>
          <SortableHeader label="Status" direction={direction(sort, 'status')} onSort={() => onSort(nextSort(sort, 'status'))} />
          <th scope="col">Phase</th>
          <th scope="col">Role</th>
          <SortableHeader
            label="Updated"
            direction={direction(sort, 'updated_at')}
            onSort={() => onSort(nextSort(sort, 'updated_at'))}
          />
          <SortableHeader
            label="Created"
            direction={direction(sort, 'created_at')}
            onSort={() => onSort(nextSort(sort, 'created_at'))}
          />
        </tr>
      </thead>
      <tbody>
        {projects.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={paths.project(p.id)} style={{ fontWeight: 600 }}>
                {p.name}
              </Link>
              {p.description ? (
                <div className="muted" style={{ fontSize: '0.88rem', maxWidth: 380, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {p.description}
                </div>
              ) : null}
            </td>
            <td>
              <DialectPair source={p.source_dialect} target={p.target_dialect} />
            </td>
            <td>
              <ProjectStatusBadge status={p.status} />
            </td>
            <td>
              {p.completed_phases.length === 5 ? 'All done' : phaseLabel(p.current_phase)}
              <span className="muted"> · {p.completed_phases.length}/5</span>
            </td>
            <td>
              <Badge tone={p.role === 'owner' ? 'brand' : 'neutral'}>{p.role}</Badge>
            </td>
            <td>
              <time dateTime={p.updated_at} title={formatDateTime(p.updated_at)}>
                {formatRelative(p.updated_at)}
              </time>
            </td>
            <td>
              <time dateTime={p.created_at} title={formatDateTime(p.created_at)}>
                {formatRelative(p.created_at)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
