import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getProjectQueryOptions } from '@/features/projects/api/get-project';
import { apiRequest } from '@/lib/api-client';

export function deleteProject(id: string): Promise<void> {
  return apiRequest<void>(`/api/v1/projects/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProject,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: getProjectQueryOptions(id).queryKey });
      void queryClient.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}
