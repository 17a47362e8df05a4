import { queryOptions, useQuery } from '@tanstack/react-query';
import type { FileList, SchemaFile } from '@/api/types';
import { apiRequest } from '@/lib/api-client';

export function getFiles(projectId: string, signal?: AbortSignal): Promise<FileList> {
  return apiRequest<FileList>(`/api/v1/projects/${encodeURIComponent(projectId)}/files`, { signal });
}

/** True while the server still works on a file (parsing runs as a job after upload). */
export function isFilePending(file: Pick<SchemaFile, 'status'>): boolean {
  return file.status === 'uploading' || file.status === 'stored';
}

export function getFilesQueryOptions(projectId: string) {
  return queryOptions({
    queryKey: ['projects', projectId, 'files'],
    queryFn: ({ signal }) => getFiles(projectId, signal),
    // Files also arrive through the API, the CLI and teammates' browsers: a page that
    // shows them asks again whenever it mounts or the window regains focus.
    staleTime: 0,
    refetchOnMount: 'always',
    refetchOnWindowFocus: true,
  });
}

/** The project's files; polls every 1.5 s while any of them is still being parsed. */
export function useFiles(projectId: string) {
  return useQuery({
    ...getFilesQueryOptions(projectId),
    refetchInterval: (query) => (query.state.data?.items.some(isFilePending) ? 1500 : false),
  });
}
