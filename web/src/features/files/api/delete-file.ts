import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getFilesQueryOptions } from '@/features/files/api/get-files';
import { apiRequest } from '@/lib/api-client';

export function deleteFile(projectId: string, fileId: string): Promise<void> {
  return apiRequest<void>(`/api/v1/projects/${encodeURIComponent(projectId)}/files/${encodeURIComponent(fileId)}`, {
    method: 'DELETE',
  });
}

export function useDeleteFile(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fileId: string) => deleteFile(projectId, fileId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getFilesQueryOptions(projectId).queryKey }),
  });
}
