// The project's database connections: list, create, change, delete, and "test connection" for a
// saved connection or for the form's values before saving.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Connection, ConnectionInput, ConnectionTestResult } from '@/features/connections/types';
import { apiRequest } from '@/lib/api-client';

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/connections`;

type ConnectionList = { items: Connection[]; total: number };

export function getConnections(projectId: string, signal?: AbortSignal): Promise<ConnectionList> {
  return apiRequest<ConnectionList | Connection[]>(base(projectId), { signal }).then((answer) =>
    Array.isArray(answer) ? { items: answer, total: answer.length } : answer,
  );
}

export function getConnectionsQueryOptions(projectId: string) {
  return queryOptions({ queryKey: ['projects', projectId, 'connections'], queryFn: ({ signal }) => getConnections(projectId, signal) });
}

export function useConnections(projectId: string) {
  return useQuery(getConnectionsQueryOptions(projectId));
}

export function useCreateConnection(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectionInput) => apiRequest<Connection>(base(projectId), { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(projectId).queryKey }),
  });
}

/** Changes a saved connection; absent fields (an empty secret among them) are kept. */
export function useUpdateConnection(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConnectionInput }) =>
      apiRequest<Connection>(`${base(projectId)}/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(projectId).queryKey }),
  });
}

export function useDeleteConnection(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectionId: string) =>
      apiRequest<void>(`${base(projectId)}/${encodeURIComponent(connectionId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(projectId).queryKey }),
  });
}

/** Tests the form's values (nothing is stored). */
export function useTestConnectionInput(projectId: string) {
  return useMutation({
    mutationFn: (body: ConnectionInput) => apiRequest<ConnectionTestResult>(`${base(projectId)}/test`, { method: 'POST', body }),
  });
}

/** Tests a saved connection. */
export function useTestSavedConnection(projectId: string) {
  return useMutation({
    mutationFn: (connectionId: string) =>
      apiRequest<ConnectionTestResult>(`${base(projectId)}/${encodeURIComponent(connectionId)}/test`, { method: 'POST' }),
  });
}
