import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ProjectPage, ProjectsQuery } from '@/api/types';
import { apiRequest } from '@/lib/api-client';

export function getProjects(query: ProjectsQuery, signal?: AbortSignal): Promise<ProjectPage> {
  return apiRequest<ProjectPage>('/api/v1/projects', { query, signal });
}

export function getProjectsQueryOptions(query: ProjectsQuery) {
  return queryOptions({
    queryKey: ['projects', 'list', query],
    queryFn: ({ signal }) => getProjects(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProjects(query: ProjectsQuery) {
  return useQuery(getProjectsQueryOptions(query));
}
