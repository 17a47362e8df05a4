import { describe, expect, it } from 'vitest';
import { elkGraph, layoutGraph } from '@/features/discovery/lib/layout';

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

describe('layoutGraph', () => {
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
    let calls = 0;
    const stored = { a: { x: 1, y: 2 }, b: { x: 3, y: 4 }, c: { x: 5, y: 6 } };
    const all = await layoutGraph(nodes, edges, stored, async (g) => {
      calls += 1;
      return g;
    });
    expect(all).toEqual(stored);
    expect(calls).toBe(0);
    const some = await layoutGraph(nodes, edges, { a: { x: -500, y: -500 } });
    expect(some.a).toEqual({ x: -500, y: -500 });
    expect(some.b).toBeDefined();
  }, 30_000);
});
