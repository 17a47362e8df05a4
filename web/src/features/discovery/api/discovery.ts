// The discovery endpoints: status, start, snapshot history and diagnostics.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DiagnosticPage, DiscoveryStart, DiscoveryStatus, SnapshotList } from '@/features/discovery/types';
import { apiRequest } from '@/lib/api-client';

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}`;

export const discoveryKeys = {
  all: (projectId: string) => ['projects', projectId, 'discovery'] as const,
  status: (projectId: string) => ['projects', projectId, 'discovery', 'status'] as const,
  snapshots: (projectId: string) => ['projects', projectId, 'discovery', 'snapshots'] as const,
  diagnostics: (projectId: string, query: object) => ['projects', projectId, 'discovery', 'diagnostics', query] as const,
};

export function getDiscoveryStatus(projectId: string, signal?: AbortSignal): Promise<DiscoveryStatus> {
  return apiRequest<DiscoveryStatus>(`${base(projectId)}/discovery/status`, { signal });
}

export function getDiscoveryStatusQueryOptions(projectId: string) {
  return queryOptions({ queryKey: discoveryKeys.status(projectId), queryFn: ({ signal }) => getDiscoveryStatus(projectId, signal) });
}

/** Polls every 3 s while a job runs, as a fallback when the event stream is not open. */
export function useDiscoveryStatus(projectId: string, poll: boolean) {
  return useQuery({
    ...getDiscoveryStatusQueryOptions(projectId),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return poll && (state === 'queued' || state === 'running') ? 3000 : false;
    },
  });
}

export function startDiscovery(projectId: string, body: { files?: string[]; connection_id?: string } = {}): Promise<DiscoveryStart> {
  return apiRequest<DiscoveryStart>(`${base(projectId)}/discovery/start`, { method: 'POST', body });
}

export function useStartDiscovery(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { files?: string[]; connection_id?: string } | undefined) => startDiscovery(projectId, body),
    onSuccess: (started) => {
      queryClient.setQueryData<DiscoveryStatus>(discoveryKeys.status(projectId), (prev) => ({
        state: started.job.state === 'running' ? 'running' : 'queued',
        job: started.job,
        latest: prev?.latest ?? null,
      }));
    },
  });
}

export function useSnapshots(projectId: string) {
  return useQuery({
    queryKey: discoveryKeys.snapshots(projectId),
    queryFn: ({ signal }) => apiRequest<SnapshotList>(`${base(projectId)}/discovery/snapshots`, { signal }),
  });
}

export type DiagnosticsQuery = { severity?: string; file?: string; limit?: number; offset?: number };

export function useDiagnostics(projectId: string, query: DiagnosticsQuery, enabled = true) {
  return useQuery({
    queryKey: discoveryKeys.diagnostics(projectId, query),
    queryFn: ({ signal }) => apiRequest<DiagnosticPage>(`${base(projectId)}/discovery/diagnostics`, { query, signal }),
    enabled,
    placeholderData: (prev) => prev,
  });
}
