import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { discoveryKeys } from '@/features/discovery/api/discovery';
import { getLineageGraphQueryOptions, graphQueryFor } from '@/features/discovery/api/lineage-graph';
import { prefetchDiscoveryPage } from '@/features/discovery/api/prefetch-discovery';
import { resetSessionForTests, startSession } from '@/lib/session';
import { jsonReply, mockFetch, sampleSession } from '@/testing/fetch-mock';

const status = { state: 'succeeded', job: null, latest: null };
const graph = { snapshot: { id: 's1', version: 1 }, nodes: [], edges: [], truncated: false, total_nodes: 0 };

describe('prefetchDiscoveryPage', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('sends the status and the first graph requests together, and fills the queries the page reads', async () => {
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const { calls } = mockFetch({
      'GET /api/v1/projects/p1/discovery/status': async () => {
        await answered;
        return jsonReply(status);
      },
      'GET /api/v1/projects/p1/lineage-graph': async () => {
        await answered;
        return jsonReply(graph);
      },
    });
    const client = new QueryClient();
    prefetchDiscoveryPage(client, 'p1');
    // Both are in flight before either is answered: no waterfall.
    await vi.waitFor(() => expect(calls.map((c) => c.path).sort()).toEqual(['/api/v1/projects/p1/discovery/status', '/api/v1/projects/p1/lineage-graph']));
    expect(calls.find((c) => c.path.endsWith('/lineage-graph'))?.url).toBe('/api/v1/projects/p1/lineage-graph');
    answer();
    // The graph view's first question (no search, no focus, no columns) has the prefetched key.
    const first = getLineageGraphQueryOptions('p1', graphQueryFor({ search: '', focus: null, depth: 3, showColumns: false }));
    await vi.waitFor(() => expect(client.getQueryData(first.queryKey)).toEqual(graph));
    expect(client.getQueryData(discoveryKeys.status('p1'))).toEqual(status);
  });
});

describe('graphQueryFor', () => {
  it('drops the search under a focus and the depth without one', () => {
    expect(graphQueryFor({ search: 'orders', focus: null, depth: 2, showColumns: false })).toEqual({
      search: 'orders',
      focus: undefined,
      depth: undefined,
      columns: false,
    });
    expect(graphQueryFor({ search: 'orders', focus: 't1', depth: 2, showColumns: true })).toEqual({
      search: undefined,
      focus: 't1',
      depth: 2,
      columns: true,
    });
  });
});
