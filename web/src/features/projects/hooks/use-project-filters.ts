// The projects list's search, filters, sort and page, kept in the URL so they survive
// reloads and can be shared.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ProjectSort, ProjectsQuery, ProjectStatus } from '@/api/types';
import { PROJECT_STATUSES } from '@/config/phases';

export const SORTS: readonly ProjectSort[] = [
  'name',
  '-name',
  'created_at',
  '-created_at',
  'updated_at',
  '-updated_at',
  'status',
  '-status',
];
export const DEFAULT_SORT: ProjectSort = '-updated_at';
export const DEFAULT_LIMIT = 20;
const LIMITS = [10, 20, 50, 100];

export type ProjectFilters = {
  search: string;
  statuses: ProjectStatus[];
  source: string;
  target: string;
  sort: ProjectSort;
  limit: number;
  offset: number;
};

export function parseFilters(params: URLSearchParams): ProjectFilters {
  const known = new Set<string>(PROJECT_STATUSES.map((s) => s.value));
  const statuses = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is ProjectStatus => known.has(s));
  const sortParam = params.get('sort') ?? '';
  const sort = (SORTS as readonly string[]).includes(sortParam) ? (sortParam as ProjectSort) : DEFAULT_SORT;
  const limitParam = Number(params.get('limit'));
  const limit = LIMITS.includes(limitParam) ? limitParam : DEFAULT_LIMIT;
  const offsetParam = Number(params.get('offset'));
  const offset = Number.isInteger(offsetParam) && offsetParam > 0 ? offsetParam : 0;
  return {
    search: params.get('q') ?? '',
    statuses,
    source: params.get('source') ?? '',
    target: params.get('target') ?? '',
    sort,
    limit,
    offset,
  };
}

export function toQuery(filters: ProjectFilters): ProjectsQuery {
  return {
    search: filters.search.trim() || undefined,
    status: filters.statuses.length ? filters.statuses.join(',') : undefined,
    source_dialect: filters.source || undefined,
    target_dialect: filters.target || undefined,
    sort: filters.sort,
    limit: filters.limit,
    offset: filters.offset,
  };
}

function toParams(filters: ProjectFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.statuses.length) params.set('status', filters.statuses.join(','));
  if (filters.source) params.set('source', filters.source);
  if (filters.target) params.set('target', filters.target);
  if (filters.sort !== DEFAULT_SORT) params.set('sort', filters.sort);
  if (filters.limit !== DEFAULT_LIMIT) params.set('limit', String(filters.limit));
  if (filters.offset > 0) params.set('offset', String(filters.offset));
  return params;
}

export function useProjectFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);

  /** Changes filters; anything but the page itself sends the user back to page one. */
  const update = useCallback(
    (patch: Partial<ProjectFilters>) => {
      setParams(
        (prev) => {
          const current = parseFilters(prev);
          const next = { ...current, ...patch };
          if (!('offset' in patch)) next.offset = 0;
          return toParams(next);
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  const active = filters.search !== '' || filters.statuses.length > 0 || filters.source !== '' || filters.target !== '';

  return { filters, update, clear, active };
}
