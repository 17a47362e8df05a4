import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PhaseName, Project } from '@/api/types';
import { getProjectQueryOptions } from '@/features/projects/api/get-project';
import { apiRequest } from '@/lib/api-client';

export type PhaseAction = 'complete' | 'reopen';

export function updatePhase(id: string, phase: PhaseName, action: PhaseAction): Promise<Project> {
  return apiRequest<Project>(`/api/v1/projects/${encodeURIComponent(id)}/phases/${phase}`, {
    method: 'POST',
    body: { action },
  });
}

export function useUpdatePhase(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ phase, action }: { phase: PhaseName; action: PhaseAction }) => updatePhase(id, phase, action),
    onSuccess: (project) => {
      queryClient.setQueryData(getProjectQueryOptions(id).queryKey, project);
      void queryClient.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
  });
}
