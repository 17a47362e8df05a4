// A window of an uploaded file's lines (GET .../files/{file_id}/content?from=&to=), for
// showing a diagnostic's line in context without downloading the whole file.
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FileContent } from '@/api/types';
import { apiRequest } from '@/lib/api-client';

export type LineRange = { from: number; to: number };

/** How many lines the viewer shows on each side of the line it opens at. */
export const CONTEXT_LINES = 20;

/** The window around `line`: CONTEXT_LINES before and after, never before line 1. */
export function rangeAround(line: number | null | undefined): LineRange {
  const at = line && line > 0 ? line : 1;
  const from = Math.max(1, at - CONTEXT_LINES);
  return { from, to: at + CONTEXT_LINES };
}

export function getFileContent(projectId: string, fileId: string, range: LineRange, signal?: AbortSignal): Promise<FileContent> {
  return apiRequest<FileContent>(`/api/v1/projects/${encodeURIComponent(projectId)}/files/${encodeURIComponent(fileId)}/content`, {
    query: { from: range.from, to: range.to },
    signal,
  });
}

export function getFileContentQueryOptions(projectId: string, fileId: string, range: LineRange) {
  return queryOptions({
    queryKey: ['projects', projectId, 'files', fileId, 'content', range.from, range.to],
    queryFn: ({ signal }) => getFileContent(projectId, fileId, range, signal),
    staleTime: 60_000,
  });
}

export function useFileContent(projectId: string, fileId: string, range: LineRange, enabled = true) {
  return useQuery({ ...getFileContentQueryOptions(projectId, fileId, range), enabled, placeholderData: keepPreviousData });
}
