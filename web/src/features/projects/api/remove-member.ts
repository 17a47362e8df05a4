import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getMembersQueryOptions } from '@/features/projects/api/get-members';
import { apiRequest } from '@/lib/api-client';

export function removeMember(projectId: string, userId: string): Promise<void> {
  return apiRequest<void>(
    `/api/v1/projects/${encodeURIComponent(projectId)}/members/${encodeURIComponent(userId)}`,
    { method: 'DELETE' },
  );
}

export function useRemoveMember(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeMember(projectId, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getMembersQueryOptions(projectId).queryKey }),
  });
}
