import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Project, ProjectCreate } from '@/api/types';
import { getProjectQueryOptions } from '@/features/projects/api/get-project';
import { apiRequest } from '@/lib/api-client';

export function createProject(body: ProjectCreate): Promise<Project> {
  return apiRequest<Project>('/api/v1/projects', { method: 'POST', body });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      queryClient.setQueryData(getProjectQueryOptions(project.id).queryKey, project);
      void queryClient.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}
