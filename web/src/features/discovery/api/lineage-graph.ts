// The lineage graph (nodes, FK / inferred / lineage edges) and saving dragged positions.
import { keepPreviousData, queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { GraphQuery, LineageGraph, NodePosition } from '@/features/discovery/types';
import { apiRequest } from '@/lib/api-client';

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/lineage-graph`;

export function getLineageGraph(projectId: string, query: GraphQuery, signal?: AbortSignal): Promise<LineageGraph> {
  return apiRequest<LineageGraph>(base(projectId), { query: { ...query, columns: query.columns ? 'true' : undefined }, signal });
}

export type GraphViewState = { search: string; focus: string | null; depth: number; showColumns: boolean };

/** What the graph view asks for: a focus ignores the search, the depth counts only with a focus. */
export function graphQueryFor({ search, focus, depth, showColumns }: GraphViewState): GraphQuery {
  return { search: focus ? undefined : search || undefined, focus: focus ?? undefined, depth: focus ? depth : undefined, columns: showColumns };
}

/** The view's first request: the whole graph, no search, no focus, no columns. */
export const FIRST_GRAPH_QUERY: GraphQuery = graphQueryFor({ search: '', focus: null, depth: 1, showColumns: false });

export function getLineageGraphQueryOptions(projectId: string, query: GraphQuery) {
  return queryOptions({
    queryKey: ['projects', projectId, 'discovery', 'graph', query],
    queryFn: ({ signal }) => getLineageGraph(projectId, query, signal),
  });
}

export function useLineageGraph(projectId: string, query: GraphQuery, enabled = true) {
  return useQuery({ ...getLineageGraphQueryOptions(projectId, query), enabled, placeholderData: keepPreviousData });
}

export function useSavePositions(projectId: string) {
  return useMutation({
    mutationFn: (positions: NodePosition[]) =>
      apiRequest<void>(`${base(projectId)}/positions`, { method: 'PUT', body: { positions } }),
  });
}
