// Discovered tables: the list (search, schema) and one table's full detail.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TableDetail, TablePage } from '@/features/discovery/types';
import { apiRequest } from '@/lib/api-client';

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/discovery/tables`;

export type TablesQuery = { search?: string; schema?: string; limit?: number; offset?: number };

export function useTables(projectId: string, query: TablesQuery, enabled = true) {
  return useQuery({
    queryKey: ['projects', projectId, 'discovery', 'tables', query],
    queryFn: ({ signal }) => apiRequest<TablePage>(base(projectId), { query, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function getTable(projectId: string, tableId: string, signal?: AbortSignal): Promise<TableDetail> {
  return apiRequest<TableDetail>(`${base(projectId)}/${encodeURIComponent(tableId)}`, { signal });
}

export function useTable(projectId: string, tableId: string | null) {
  return useQuery({
    queryKey: ['projects', projectId, 'discovery', 'table', tableId],
    queryFn: ({ signal }) => getTable(projectId, tableId ?? '', signal),
    enabled: tableId !== null,
  });
}
