// The lineage graph (nodes, FK / inferred / lineage edges) and saving dragged positions.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { GraphQuery, LineageGraph, NodePosition } from '@/features/discovery/types';
import { apiRequest } from '@/lib/api-client';

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/lineage-graph`;

export function getLineageGraph(projectId: string, query: GraphQuery, signal?: AbortSignal): Promise<LineageGraph> {
  return apiRequest<LineageGraph>(base(projectId), { query: { ...query, columns: query.columns ? 'true' : undefined }, signal });
}

export function useLineageGraph(projectId: string, query: GraphQuery, enabled = true) {
  return useQuery({
    queryKey: ['projects', projectId, 'discovery', 'graph', query],
    queryFn: ({ signal }) => getLineageGraph(projectId, query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useSavePositions(projectId: string) {
  return useMutation({
    mutationFn: (positions: NodePosition[]) =>
      apiRequest<void>(`${base(projectId)}/positions`, { method: 'PUT', body: { positions } }),
  });
}
