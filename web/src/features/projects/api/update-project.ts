import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Project, ProjectUpdate } from '@/api/types';
import { getProjectQueryOptions } from '@/features/projects/api/get-project';
import { apiRequest } from '@/lib/api-client';

export function updateProject(id: string, body: ProjectUpdate): Promise<Project> {
  return apiRequest<Project>(`/api/v1/projects/${encodeURIComponent(id)}`, { method: 'PUT', body });
}

export function useUpdateProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProjectUpdate) => updateProject(id, body),
    onSuccess: (project) => {
      queryClient.setQueryData(getProjectQueryOptions(id).queryKey, project);
      void queryClient.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}
