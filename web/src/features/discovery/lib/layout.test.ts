import { beforeEach, describe, expect, it } from 'vitest';
import type { ElkNode } from 'elkjs/lib/elk-api';
import {
  boundsOf,
  cachedLayout,
  clearLayoutCache,
  connectedComponents,
  elkGraph,
  gridLayout,
  LARGEST_LAYERED_COMPONENT,
  layoutGraph,
  packComponents,
  type LayoutEdge,
  type LayoutInput,
  type Positions,
} from '@/features/discovery/lib/layout';

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

/** True when no two nodes' boxes intersect. */
function overlapping(input: LayoutInput, p: Positions): string[] {
  const out: string[] = [];
  for (let i = 0; i < input.length; i += 1) {
    for (let j = i + 1; j < input.length; j += 1) {
      const a = input[i]!;
      const b = input[j]!;
      const pa = p[a.id]!;
      const pb = p[b.id]!;
      if (pa.x < pb.x + b.width && pb.x < pa.x + a.width && pa.y < pb.y + b.height && pb.y < pa.y + a.height) out.push(`${a.id}/${b.id}`);
    }
  }
  return out;
}

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

  it('sends only the tables with a relationship to ELK and places the others beside them', async () => {
    const calls: ElkNode[] = [];
    const lonely = [...nodes, { id: 'z1', width: 240, height: 48 }, { id: 'z2', width: 240, height: 48 }];
    const p = await layoutGraph(lonely, edges, {}, columnLayouter(calls));
    expect(calls[0]!.children!.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(p).sort()).toEqual(['a', 'b', 'c', 'z1', 'z2']);
    expect(overlapping(lonely, p)).toEqual([]);
  });

  it('packs 300 unrelated tables into a block of about the canvas shape, not a column', async () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ id: `t${i}`, width: 240, height: 48 }));
    const calls: ElkNode[] = [];
    const p = await layoutGraph(many, [], {}, columnLayouter(calls));
    expect(calls).toHaveLength(0);
    expect(overlapping(many, p)).toEqual([]);
    const box = boundsOf(many, p)!;
    const aspect = box.width / box.height;
    expect(aspect).toBeGreaterThan(1.5);
    expect(aspect).toBeLessThan(3.5);
    // At 1280 × 560 the whole block fits at a zoom five times the old column's (0.05).
    expect(Math.min(1280 / box.width, 560 / box.height)).toBeGreaterThan(0.25);
  });
});

describe('gridLayout', () => {
  it('places a component too large for ELK in a grid of the canvas shape, most connected first, neighbours next', async () => {
    // A hub with 150 tables around it, and a small chain beside: no ELK at all, grids only.
    const n = LARGEST_LAYERED_COMPONENT + 30;
    const big: LayoutInput = [{ id: 'hub', width: 240, height: 48 }, ...Array.from({ length: n }, (_, i) => ({ id: `r${i}`, width: 240, height: 48 }))];
    const bigEdges: LayoutEdge = big.slice(1).map((t) => ({ id: `e-${t.id}`, source: t.id, target: 'hub' }));
    const all = [...big, ...nodes];
    const calls: ElkNode[] = [];
    const p = await layoutGraph(all, [...bigEdges, ...edges], {}, columnLayouter(calls));
    expect(calls).toHaveLength(0);
    expect(overlapping(all, p)).toEqual([]);
    // The chain is a grid of its own, two cells (300 x 136 px, c is 96 px tall) wide, in
    // breadth-first order from b: b and a on the first row, c under b.
    expect({ a: { x: p.a!.x - p.b!.x, y: p.a!.y - p.b!.y }, c: { x: p.c!.x - p.b!.x, y: p.c!.y - p.b!.y } }).toEqual({
      a: { x: 300, y: 0 },
      c: { x: 0, y: 136 },
    });
    const box = boundsOf(big, p)!;
    expect(box.width / box.height).toBeGreaterThan(1.5);
    expect(box.width / box.height).toBeLessThan(3.5);
    // The hub comes first (top left of its grid), its neighbours right after it.
    expect(p.hub).toEqual({ x: box.x, y: box.y });
    const grid = gridLayout(['r1', 'hub', 'r0'], big, bigEdges);
    // Three tables make one column (cells of 300 x 88 px); the hub first, then its neighbours in edge order.
    expect(grid).toEqual({ hub: { x: 0, y: 0 }, r0: { x: 0, y: 88 }, r1: { x: 0, y: 176 } });
  });
});

describe('connectedComponents', () => {
  it('groups tables joined by any chain of relationships, in node order', () => {
    const input = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, width: 10, height: 10 }));
    const links: LayoutEdge = [
      { id: '1', source: 'e', target: 'a' },
      { id: '2', source: 'c', target: 'd' },
      { id: '3', source: 'd', target: 'a' },
      { id: '4', source: 'b', target: 'nowhere' },
    ];
    expect(connectedComponents(input, links)).toEqual([['a', 'c', 'd', 'e'], ['b'], ['f']]);
  });
});

describe('packComponents', () => {
  it('puts a tall component and many small ones side by side, keeping each component as laid out', () => {
    // A star: one hub and 20 tables in the next layer, as ELK places them (a tall column pair).
    const star: LayoutInput = [{ id: 'hub', width: 240, height: 48 }, ...Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, width: 240, height: 48 }))];
    const starEdges: LayoutEdge = star.slice(1).map((n) => ({ id: `e-${n.id}`, source: n.id, target: 'hub' }));
    const laid: Positions = { hub: { x: 330, y: 500 } };
    star.slice(1).forEach((n, i) => (laid[n.id] = { x: 0, y: i * 88 }));
    const singles: LayoutInput = Array.from({ length: 40 }, (_, i) => ({ id: `x${i}`, width: 240, height: 48 }));
    const all = [...star, ...singles];
    const p = packComponents(all, starEdges, laid);
    expect(overlapping(all, p)).toEqual([]);
    // The star keeps its shape.
    expect(p.hub!.x - p.s0!.x).toBe(330);
    expect(p.s3!.y - p.s2!.y).toBe(88);
    // The single tables sit beside the star, within its height: the picture is no taller than the star.
    const starBox = boundsOf(star, p)!;
    const box = boundsOf(all, p)!;
    expect(box.height).toBe(starBox.height);
    expect(singles.every((n) => p[n.id]!.x >= starBox.x + starBox.width)).toBe(true);
  });
});
