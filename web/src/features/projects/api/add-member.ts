import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Member, MemberCreate } from '@/api/types';
import { getMembersQueryOptions } from '@/features/projects/api/get-members';
import { apiRequest } from '@/lib/api-client';

export function addMember(projectId: string, body: MemberCreate): Promise<Member> {
  return apiRequest<Member>(`/api/v1/projects/${encodeURIComponent(projectId)}/members`, { method: 'POST', body });
}

export function useAddMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MemberCreate) => addMember(projectId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getMembersQueryOptions(projectId).queryKey }),
  });
}
