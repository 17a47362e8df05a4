import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MemberList } from '@/api/types';
import { apiRequest } from '@/lib/api-client';

export function getMembers(projectId: string, signal?: AbortSignal): Promise<MemberList> {
  return apiRequest<MemberList>(`/api/v1/projects/${encodeURIComponent(projectId)}/members`, { signal });
}

export function getMembersQueryOptions(projectId: string) {
  return queryOptions({ queryKey: ['projects', 'members', projectId], queryFn: ({ signal }) => getMembers(projectId, signal) });
}

export function useMembers(projectId: string) {
  return useQuery(getMembersQueryOptions(projectId));
}
