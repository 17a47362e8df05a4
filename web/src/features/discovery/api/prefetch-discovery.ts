// Starts what the discovery page needs at once, side by side: its status and its first
// graph, and the layout worker. The graph request does not wait for the status, nor the
// status for the page's code: each would otherwise add a round trip before the first node.
import type { QueryClient } from '@tanstack/react-query';
import { getDiscoveryStatusQueryOptions } from '@/features/discovery/api/discovery';
import { FIRST_GRAPH_QUERY, getLineageGraphQueryOptions } from '@/features/discovery/api/lineage-graph';
import { prepareLayout } from '@/features/discovery/lib/layout';

export function prefetchDiscoveryPage(queryClient: QueryClient, projectId: string): void {
  void queryClient.prefetchQuery(getDiscoveryStatusQueryOptions(projectId));
  // Without a snapshot the answer is an empty graph or an error that nobody shows: the
  // graph is read only once the status says a snapshot exists, and a finished discovery
  // run refetches every discovery query.
  void queryClient.prefetchQuery(getLineageGraphQueryOptions(projectId, FIRST_GRAPH_QUERY));
  prepareLayout();
}
