// Places the tables of a graph: ELK's layered algorithm (relationships flow left to right)
// for the tables that have relationships (grids instead when one component is too large
// for it, see LARGEST_LAYERED_COMPONENT), then every connected component and every table
// without one packed into rows of the canvas's shape, so a graph of many small pieces fits
// the screen instead of becoming one tall column. Stored positions (a user dragged the
// node) win over the computed ones. ELK runs in a web worker in the browser so a big graph
// does not freeze the page, and its answers are kept per graph, so showing a graph again
// (back from a focus) does not lay it out again.
import type { ElkNode } from 'elkjs/lib/elk-api';

export type LayoutInput = { id: string; width: number; height: number }[];
export type LayoutEdge = { id: string; source: string; target: string }[];
export type Positions = Record<string, { x: number; y: number }>;
export type Bounds = { x: number; y: number; width: number; height: number };

export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.componentComponent': '60',
  'elk.separateConnectedComponents': 'true',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

/** Space between packed components, and between tables stacked in one column of a row. */
export const COMPONENT_GAP = 60;
export const STACK_GAP = 40;
/** Width over height of the graph canvas (1280 × 560 on a laptop): what packing aims at. */
export const CANVAS_ASPECT = 2.2;

/** The edges ELK can use: both ends among the nodes, no self loops. */
function usableEdges(nodes: LayoutInput, edges: LayoutEdge): LayoutEdge {
  const ids = new Set(nodes.map((n) => n.id));
  return edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
}

export function elkGraph(nodes: LayoutInput, edges: LayoutEdge): ElkNode {
  return {
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: usableEdges(nodes, edges).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export function positionsOf(laid: ElkNode): Positions {
  const out: Positions = {};
  for (const child of laid.children ?? []) out[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return out;
}

/** The connected components (undirected), each in node order, in order of their first node. */
export function connectedComponents(nodes: LayoutInput, edges: LayoutEdge): string[][] {
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id; at !== root; ) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const e of usableEdges(nodes, edges)) {
    const a = find(e.source);
    const b = find(e.target);
    if (a !== b) parent.set(b, a);
  }
  const groups = new Map<string, string[]>();
  for (const n of nodes) {
    const root = find(n.id);
    const group = groups.get(root);
    if (group) group.push(n.id);
    else groups.set(root, [n.id]);
  }
  return [...groups.values()];
}

type Block = { ids: string[]; width: number; height: number; offset: Positions };

/**
 * Places blocks (components, each with its members' positions inside it) in rows: tallest
 * first; inside a row, blocks that are shorter than the row are stacked into columns. The
 * row width aims at `aspect` for the whole picture, and is never narrower than the widest
 * block. Returns every member's position.
 */
export function packBlocks(blocks: Block[], aspect = CANVAS_ASPECT): Positions {
  const out: Positions = {};
  if (blocks.length === 0) return out;
  const area = blocks.reduce((s, b) => s + (b.width + COMPONENT_GAP) * (b.height + COMPONENT_GAP), 0);
  const tallest = Math.max(...blocks.map((b) => b.height));
  const widest = Math.max(...blocks.map((b) => b.width));
  // Rows of width w and total height area / w have the aimed shape when w = sqrt(area *
  // aspect); when one block is taller than that picture, the picture is at least that tall,
  // so a row that wide (its height times the aspect) costs nothing and holds more.
  const rowWidth = Math.max(widest, Math.sqrt(area * aspect), tallest * aspect);
  const order = blocks.map((b, i) => ({ b, i })).sort((p, q) => q.b.height - p.b.height || p.i - q.i);
  let rowTop = 0;
  let rowHeight = 0;
  let columnLeft = 0;
  let columnWidth = 0;
  let columnBottom = 0;
  const place = (b: Block, x: number, y: number) => {
    for (const id of b.ids) {
      const p = b.offset[id]!;
      out[id] = { x: x + p.x, y: y + p.y };
    }
  };
  for (const { b } of order) {
    if (rowHeight === 0) {
      rowHeight = b.height;
      columnLeft = 0;
      columnWidth = b.width;
      columnBottom = b.height;
      place(b, 0, rowTop);
      continue;
    }
    // Under the blocks of the current column, when it fits the row's height and width.
    if (columnBottom + STACK_GAP + b.height <= rowHeight && b.width <= columnWidth) {
      place(b, columnLeft, rowTop + columnBottom + STACK_GAP);
      columnBottom += STACK_GAP + b.height;
      continue;
    }
    // A new column in this row, or a new row.
    const left = columnLeft + columnWidth + COMPONENT_GAP;
    if (left + b.width <= rowWidth) {
      columnLeft = left;
    } else {
      rowTop += rowHeight + COMPONENT_GAP;
      rowHeight = b.height;
      columnLeft = 0;
    }
    columnWidth = b.width;
    columnBottom = b.height;
    place(b, columnLeft, rowTop);
  }
  return out;
}

/**
 * Components with more tables than this are not given to ELK. Measured on the 5,000-table
 * project's first graph (one component of 264 of its 300 tables, 507 edges): ELK's layered
 * layout took 3.8-8.9 s in Node at load ~8 and came out 10,500 x 12,600 px, which a
 * 1280 x 560 canvas shows only at its minimum zoom and then not whole.
 */
export const LARGEST_LAYERED_COMPONENT = 120;

/**
 * One component's tables in a grid of the canvas's shape, in breadth-first order from its
 * most connected table (neighbours, most connected first, follow one another), so related
 * tables sit near each other. Positions are relative to the grid's top left.
 */
export function gridLayout(ids: string[], nodes: LayoutInput, edges: LayoutEdge, aspect = CANVAS_ASPECT): Positions {
  const members = new Set(ids);
  const size = new Map(nodes.filter((n) => members.has(n.id)).map((n) => [n.id, n]));
  const neighbours = new Map(ids.map((id) => [id, [] as string[]]));
  for (const e of edges) {
    if (e.source === e.target || !members.has(e.source) || !members.has(e.target)) continue;
    neighbours.get(e.source)!.push(e.target);
    neighbours.get(e.target)!.push(e.source);
  }
  const degree = (id: string) => neighbours.get(id)!.length;
  const byDegree = [...ids].sort((a, b) => degree(b) - degree(a));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const start of byDegree) {
    if (seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let at = 0; at < queue.length; at += 1) {
      const id = queue[at]!;
      order.push(id);
      for (const next of [...neighbours.get(id)!].sort((a, b) => degree(b) - degree(a))) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  const cellWidth = Math.max(...order.map((id) => size.get(id)!.width)) + COMPONENT_GAP;
  const cellHeight = Math.max(...order.map((id) => size.get(id)!.height)) + STACK_GAP;
  const columns = Math.max(1, Math.round(Math.sqrt((order.length * aspect * cellHeight) / cellWidth)));
  const out: Positions = {};
  order.forEach((id, i) => (out[id] = { x: (i % columns) * cellWidth, y: Math.floor(i / columns) * cellHeight }));
  return out;
}

/** ELK's positions of connected tables and the sizes of all, packed component by component. */
export function packComponents(nodes: LayoutInput, edges: LayoutEdge, laid: Positions, aspect = CANVAS_ASPECT): Positions {
  const size = new Map(nodes.map((n) => [n.id, n]));
  const blocks: Block[] = connectedComponents(nodes, edges).map((ids) => {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const id of ids) {
      const p = laid[id] ?? { x: 0, y: 0 };
      const n = size.get(id)!;
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x + n.width);
      maxY = Math.max(maxY, p.y + n.height);
    }
    const offset: Positions = {};
    for (const id of ids) {
      const p = laid[id] ?? { x: 0, y: 0 };
      offset[id] = { x: p.x - minX, y: p.y - minY };
    }
    return { ids, width: maxX - minX, height: maxY - minY, offset };
  });
  return packBlocks(blocks, aspect);
}

/** The box around the nodes at their positions (nodes without a position are left out). */
export function boundsOf(nodes: LayoutInput, positions: Positions): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p) continue;
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x + n.width);
    maxY = Math.max(maxY, p.y + n.height);
  }
  return minX === Infinity ? null : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

export type Layouter = (graph: ElkNode) => Promise<ElkNode>;

let worker: Worker | null = null;
let nextRequest = 0;
const waiting = new Map<number, { resolve: (n: ElkNode) => void; reject: (e: Error) => void }>();

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; graph?: ElkNode; error?: string }>) => {
      const pending = waiting.get(event.data.id);
      if (!pending) return;
      waiting.delete(event.data.id);
      if (event.data.graph) pending.resolve(event.data.graph);
      else pending.reject(new Error(event.data.error ?? 'The layout failed.'));
    };
  }
  return worker;
}

/**
 * Starts the layout worker now (it loads ELK, 1.4 MB of script): called while the graph is
 * still being fetched, so the first layout does not wait for it.
 */
export function prepareLayout(): void {
  startWorker();
}

function workerLayouter(): Layouter | null {
  const w = startWorker();
  if (!w) return null;
  return (graph) =>
    new Promise((resolve, reject) => {
      const id = nextRequest++;
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, graph });
    });
}

async function inlineLayouter(): Promise<Layouter> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  const elk = new ELK();
  return (graph) => elk.layout(graph);
}

/** Computed layouts by graph (its nodes with their sizes and its edges), newest last. */
const computedLayouts = new Map<string, Positions>();
const KEPT_LAYOUTS = 16;

function layoutKey(nodes: LayoutInput, edges: LayoutEdge): string {
  return `${nodes.map((n) => `${n.id}:${n.width}x${n.height}`).join(',')}|${edges.map((e) => `${e.source}>${e.target}`).join(',')}`;
}

/** Forgets the computed layouts (tests). */
export function clearLayoutCache(): void {
  computedLayouts.clear();
}

/** The computed layout of this graph when it was laid out before, without running ELK. */
export function cachedLayout(nodes: LayoutInput, edges: LayoutEdge, stored: Positions = {}): Positions | null {
  if (nodes.length > 0 && nodes.every((n) => stored[n.id])) return { ...stored };
  const computed = computedLayouts.get(layoutKey(nodes, edges));
  return computed ? { ...computed, ...stored } : null;
}

/** Computed positions for the nodes without a stored one (all nodes are laid out together). */
export async function layoutGraph(
  nodes: LayoutInput,
  edges: LayoutEdge,
  stored: Positions = {},
  layouter?: Layouter,
): Promise<Positions> {
  const known = cachedLayout(nodes, edges, stored);
  if (known) return known;
  const key = layoutKey(nodes, edges);
  // Only tables with a relationship need ELK; the others are placed by the packing.
  const linked = new Set<string>();
  for (const e of usableEdges(nodes, edges)) {
    linked.add(e.source);
    linked.add(e.target);
  }
  const connected = nodes.filter((n) => linked.has(n.id));
  // A graph with a very large component is an overview: every component is placed in a
  // grid. ELK's layered layout of such a component is no more readable than a grid at the
  // zoom it needs and takes seconds, and the small ones beside it would still make the
  // first paint wait for ELK to load (see LARGEST_LAYERED_COMPONENT).
  const components = connectedComponents(connected, edges);
  let laid: Positions = {};
  if (components.some((c) => c.length > LARGEST_LAYERED_COMPONENT)) {
    for (const component of components) Object.assign(laid, gridLayout(component, nodes, edges));
  } else if (connected.length > 0) {
    const run = layouter ?? workerLayouter() ?? (await inlineLayouter());
    laid = positionsOf(await run(elkGraph(connected, edges)));
  }
  const computed = packComponents(nodes, edges, laid);
  computedLayouts.delete(key);
  computedLayouts.set(key, computed);
  while (computedLayouts.size > KEPT_LAYOUTS) computedLayouts.delete(computedLayouts.keys().next().value!);
  return { ...computed, ...stored };
}
