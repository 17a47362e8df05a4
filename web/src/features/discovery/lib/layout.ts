// Places the tables of a graph with ELK's layered algorithm (relationships flow left to
// right). Stored positions (a user dragged the node) win over the computed ones. The
// layout runs in a web worker in the browser so a big graph does not freeze the page, and
// its answers are kept per graph, so showing a graph again (back from a focus) does not
// lay it out again.
import type { ElkNode } from 'elkjs/lib/elk-api';

export type LayoutInput = { id: string; width: number; height: number }[];
export type LayoutEdge = { id: string; source: string; target: string }[];
export type Positions = Record<string, { x: number; y: number }>;

export const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.spacing.nodeNode': '40',
  'elk.spacing.componentComponent': '60',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

export function elkGraph(nodes: LayoutInput, edges: LayoutEdge): ElkNode {
  const ids = new Set(nodes.map((n) => n.id));
  return {
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target)
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export function positionsOf(laid: ElkNode): Positions {
  const out: Positions = {};
  for (const child of laid.children ?? []) out[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return out;
}

export type Layouter = (graph: ElkNode) => Promise<ElkNode>;

let worker: Worker | null = null;
let nextRequest = 0;
const waiting = new Map<number, { resolve: (n: ElkNode) => void; reject: (e: Error) => void }>();

function workerLayouter(): Layouter | null {
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
  const w = worker;
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
  const run = layouter ?? workerLayouter() ?? (await inlineLayouter());
  const computed = positionsOf(await run(elkGraph(nodes, edges)));
  computedLayouts.delete(key);
  computedLayouts.set(key, computed);
  while (computedLayouts.size > KEPT_LAYOUTS) computedLayouts.delete(computedLayouts.keys().next().value!);
  return { ...computed, ...stored };
}
