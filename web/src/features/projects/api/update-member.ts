import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Member, Role } from '@/api/types';
import { getMembersQueryOptions } from '@/features/projects/api/get-members';
import { apiRequest } from '@/lib/api-client';

export function updateMember(projectId: string, userId: string, role: Role): Promise<Member> {
  return apiRequest<Member>(
    `/api/v1/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`,
    { method: 'PUT', body: { role } },
  );
}

export function useUpdateMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => updateMember(projectId, userId, role),
    onSettled: () => queryClient.invalidateQueries({ queryKey: getMembersQueryOptions(projectId).queryKey }),
  });
}
