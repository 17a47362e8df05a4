import { beforeEach, describe, expect, it } from 'vitest';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { cachedLayout, clearLayoutCache, elkGraph, layoutGraph } from '@/features/discovery/lib/layout';

const nodes = [
  { id: 'a', width: 240, height: 48 },
  { id: 'b', width: 240, height: 48 },
  { id: 'c', width: 240, height: 96 },
];
const edges = [
  { id: 'ab', source: 'a', target: 'b' },
  { id: 'bc', source: 'b', target: 'c' },
  { id: 'bx', source: 'b', target: 'missing' },
];

/** A stand-in for ELK that puts every node of the graph it is given in one column. */
function columnLayouter(calls: ElkNode[]) {
  return async (g: ElkNode): Promise<ElkNode> => {
    calls.push(g);
    let y = 0;
    const children = (g.children ?? []).map((c) => {
      const placed = { ...c, x: 0, y };
      y += (c.height ?? 0) + 40;
      return placed;
    });
    return { ...g, children };
  };
}

describe('layoutGraph', () => {
  beforeEach(() => clearLayoutCache());

  it('leaves out edges to unknown nodes and self loops', () => {
    const g = elkGraph(nodes, [...edges, { id: 'aa', source: 'a', target: 'a' }]);
    expect(g.edges?.map((e) => e.id)).toEqual(['ab', 'bc']);
  });

  it('lays out with ELK left to right without overlaps', async () => {
    const p = await layoutGraph(nodes, edges);
    expect(Object.keys(p).sort()).toEqual(['a', 'b', 'c']);
    expect(p.a!.x).toBeLessThan(p.b!.x);
    expect(p.b!.x).toBeLessThan(p.c!.x);
    expect(p.b!.x - p.a!.x).toBeGreaterThanOrEqual(240);
  }, 30_000); // loading ELK (1.4 MB) is slow on a busy machine

  it('keeps stored positions and skips the layout when every node has one', async () => {
    const calls: ElkNode[] = [];
    const stored = { a: { x: 1, y: 2 }, b: { x: 3, y: 4 }, c: { x: 5, y: 6 } };
    const all = await layoutGraph(nodes, edges, stored, columnLayouter(calls));
    expect(all).toEqual(stored);
    expect(calls).toHaveLength(0);
    const some = await layoutGraph(nodes, edges, { a: { x: -500, y: -500 } }, columnLayouter(calls));
    expect(some.a).toEqual({ x: -500, y: -500 });
    expect(some.b).toBeDefined();
  });

  it('lays out a graph once: the same nodes and edges again come from the cache, with the positions stored since', async () => {
    const calls: ElkNode[] = [];
    const first = await layoutGraph(nodes, edges, {}, columnLayouter(calls));
    expect(calls).toHaveLength(1);
    expect(cachedLayout(nodes, edges)).toEqual(first);
    const again = await layoutGraph(nodes, edges, { c: { x: 900, y: 900 } }, columnLayouter(calls));
    expect(calls).toHaveLength(1);
    expect(again).toEqual({ ...first, c: { x: 900, y: 900 } });
    // Another graph (a node taller: its columns shown) is laid out anew.
    const taller = nodes.map((n) => (n.id === 'a' ? { ...n, height: 200 } : n));
    expect(cachedLayout(taller, edges)).toBeNull();
    await layoutGraph(taller, edges, {}, columnLayouter(calls));
    expect(calls).toHaveLength(2);
  });
});
