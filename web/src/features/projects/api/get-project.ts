import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Project } from '@/api/types';
import { apiRequest } from '@/lib/api-client';

export function getProject(id: string, signal?: AbortSignal): Promise<Project> {
  return apiRequest<Project>(`/api/v1/projects/${encodeURIComponent(id)}`, { signal });
}

export function getProjectQueryOptions(id: string) {
  return queryOptions({ queryKey: ['projects', 'detail', id], queryFn: ({ signal }) => getProject(id, signal) });
}

export function useProject(id: string) {
  return useQuery(getProjectQueryOptions(id));
}
