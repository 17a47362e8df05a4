// The lineage-graph answer as React Flow nodes and edges: one node per table (its columns
// when asked), edges styled by kind (declared FK, inferred with its confidence, lineage),
// column handles for column-level edges, and the focus table and its neighbours marked.
import type { Edge, Node } from '@xyflow/react';
import type { EdgeType, GraphEdge, GraphNode, LineageGraph } from '@/features/discovery/types';

export const NODE_WIDTH = 240;
export const NODE_HEADER_HEIGHT = 48;
export const COLUMN_ROW_HEIGHT = 24;

export type TableNodeData = {
  table: GraphNode;
  showColumns: boolean;
  focused: boolean;
  /** Dimmed: not the focus table and not one of its direct neighbours. */
  dimmed: boolean;
  /** Columns that carry an edge, for the column handles. */
  linkedColumns: string[];
};

export type TableFlowNode = Node<TableNodeData, 'table'>;
export type RelationEdgeData = { edge: GraphEdge };
export type RelationFlowEdge = Edge<RelationEdgeData>;

export function nodeHeight(table: GraphNode, showColumns: boolean): number {
  return NODE_HEADER_HEIGHT + (showColumns ? (table.columns?.length ?? 0) * COLUMN_ROW_HEIGHT : 0);
}

export function tableLabel(table: Pick<GraphNode, 'schema' | 'name'>): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

export const EDGE_KIND_LABEL: Record<EdgeType, string> = {
  foreign_key: 'Declared foreign key',
  inferred: 'Inferred relationship',
  lineage: 'Lineage',
};

export function formatConfidence(confidence: number | null | undefined): string {
  if (confidence === null || confidence === undefined) return '';
  return `${Math.round(confidence * 100)}%`;
}

export function edgeLabel(edge: GraphEdge): string {
  switch (edge.type) {
    case 'foreign_key':
      return 'FK';
    case 'inferred':
      return `${edge.ai_generated ? 'AI ' : ''}inferred ${formatConfidence(edge.confidence)}`.trim();
    case 'lineage':
      return 'lineage';
  }
}

export const columnHandle = (column: string, side: 'in' | 'out') => `col:${column}:${side}`;

/** The ids of the focus table and of every table one edge away from it. */
export function neighbourhood(graph: Pick<LineageGraph, 'edges'>, focusId: string | null): Set<string> | null {
  if (!focusId) return null;
  const near = new Set([focusId]);
  for (const e of graph.edges) {
    if (e.source === focusId) near.add(e.target);
    if (e.target === focusId) near.add(e.source);
  }
  return near;
}

export function toFlowElements(
  graph: LineageGraph,
  { focusId = null, showColumns = false }: { focusId?: string | null; showColumns?: boolean } = {},
): { nodes: TableFlowNode[]; edges: RelationFlowEdge[] } {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const near = neighbourhood(graph, focusId);
  const linked = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const edges: RelationFlowEdge[] = [];
  for (const e of graph.edges) {
    // An edge to a table outside a truncated or focused graph has nothing to attach to.
    if (!ids.has(e.source) || !ids.has(e.target) || seen.has(e.id)) continue;
    seen.add(e.id);
    const columnLevel = showColumns && e.source_column && e.target_column;
    if (columnLevel) {
      if (!linked.has(e.source)) linked.set(e.source, new Set());
      if (!linked.has(e.target)) linked.set(e.target, new Set());
      linked.get(e.source)!.add(e.source_column!);
      linked.get(e.target)!.add(e.target_column!);
    }
    const dimmed = near !== null && !(near.has(e.source) && near.has(e.target) && (e.source === focusId || e.target === focusId));
    edges.push({
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: columnLevel ? columnHandle(e.source_column!, 'out') : null,
      targetHandle: columnLevel ? columnHandle(e.target_column!, 'in') : null,
      label: edgeLabel(e),
      ariaLabel: `${EDGE_KIND_LABEL[e.type]}${e.confidence !== null && e.type === 'inferred' ? ` (${formatConfidence(e.confidence)})` : ''}`,
      animated: e.type === 'lineage',
      className: `edge-${e.type}${dimmed ? ' edge-dimmed' : ''}`,
      data: { edge: e },
    });
  }
  const nodes: TableFlowNode[] = graph.nodes.map((table) => ({
    id: table.id,
    type: 'table',
    position: table.position ?? { x: 0, y: 0 },
    width: NODE_WIDTH,
    height: nodeHeight(table, showColumns),
    data: {
      table,
      showColumns,
      focused: table.id === focusId,
      dimmed: near !== null && !near.has(table.id),
      linkedColumns: [...(linked.get(table.id) ?? [])],
    },
  }));
  return { nodes, edges };
}
