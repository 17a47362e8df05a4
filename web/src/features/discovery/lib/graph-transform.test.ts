import { describe, expect, it } from 'vitest';
import { columnHandle, edgeLabel, neighbourhood, nodeHeight, toFlowElements } from '@/features/discovery/lib/graph-transform';
import type { GraphEdge, GraphNode, LineageGraph } from '@/features/discovery/types';

const node = (id: string, extra: Partial<GraphNode> = {}): GraphNode => ({
  id,
  schema: 'sales',
  name: id,
  kind: 'table',
  role: 'source',
  column_count: 2,
  position: null,
  ...extra,
});

const edge = (id: string, source: string, target: string, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  id,
  type: 'foreign_key',
  source,
  target,
  source_column: null,
  target_column: null,
  confidence: 1,
  relationship_type: 'many_to_one',
  ai_generated: false,
  evidence: [],
  ...extra,
});

const graph: LineageGraph = {
  snapshot: { id: 's1', version: 2 },
  nodes: [
    node('orders', {
      position: { x: 10, y: 20 },
      columns: [
        { name: 'id', data_type: 'INT', is_primary_key: true, is_foreign_key: false },
        { name: 'customer_id', data_type: 'INT', is_primary_key: false, is_foreign_key: false },
      ],
    }),
    node('customers', { columns: [{ name: 'id', data_type: 'INT', is_primary_key: true, is_foreign_key: false }] }),
    node('regions'),
  ],
  edges: [
    edge('e1', 'orders', 'customers', { type: 'inferred', confidence: 0.874, source_column: 'customer_id', target_column: 'id' }),
    edge('e2', 'customers', 'regions'),
    edge('e3', 'orders', 'elsewhere'),
    edge('e1', 'orders', 'customers'),
  ],
  truncated: false,
  total_nodes: 3,
};

describe('toFlowElements', () => {
  it('makes one table node per graph node with stored positions and sizes', () => {
    const { nodes } = toFlowElements(graph);
    expect(nodes.map((n) => n.id)).toEqual(['orders', 'customers', 'regions']);
    expect(nodes[0]!.type).toBe('table');
    expect(nodes[0]!.position).toEqual({ x: 10, y: 20 });
    expect(nodes[0]!.height).toBe(nodeHeight(graph.nodes[0]!, false));
    expect(nodes.every((n) => !n.data.dimmed && !n.data.focused)).toBe(true);
  });

  it('drops edges to tables outside the graph and duplicate ids, and labels by kind and confidence', () => {
    const { edges } = toFlowElements(graph);
    expect(edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(edges[0]!.label).toBe('inferred 87%');
    expect(edges[0]!.ariaLabel).toBe('Inferred relationship (87%)');
    expect(edges[0]!.className).toBe('edge-inferred');
    expect(edges[1]!.label).toBe('FK');
    expect(edges[0]!.sourceHandle).toBeNull();
  });

  it('attaches column-level edges to column handles when columns are shown', () => {
    const { nodes, edges } = toFlowElements(graph, { showColumns: true });
    expect(edges[0]!.sourceHandle).toBe(columnHandle('customer_id', 'out'));
    expect(edges[0]!.targetHandle).toBe(columnHandle('id', 'in'));
    expect(nodes[0]!.data.linkedColumns).toEqual(['customer_id']);
    expect(nodes[1]!.data.linkedColumns).toEqual(['id']);
    // Table-level edges (no columns) keep the table handles.
    expect(edges[1]!.sourceHandle).toBeNull();
    expect(nodes[0]!.height).toBe(48 + 2 * 24);
  });

  it('marks the focus table, keeps its neighbours and dims the rest', () => {
    const { nodes, edges } = toFlowElements(graph, { focusId: 'orders' });
    expect(nodes.find((n) => n.id === 'orders')!.data.focused).toBe(true);
    expect(nodes.find((n) => n.id === 'customers')!.data.dimmed).toBe(false);
    expect(nodes.find((n) => n.id === 'regions')!.data.dimmed).toBe(true);
    expect(edges.find((e) => e.id === 'e2')!.className).toContain('edge-dimmed');
    expect(edges.find((e) => e.id === 'e1')!.className).not.toContain('edge-dimmed');
  });
});

describe('graph helpers', () => {
  it('finds the neighbourhood of a table in both directions', () => {
    expect([...neighbourhood(graph, 'customers')!].sort()).toEqual(['customers', 'orders', 'regions']);
    expect(neighbourhood(graph, null)).toBeNull();
  });

  it('labels AI-proposed and lineage edges', () => {
    expect(edgeLabel(edge('x', 'a', 'b', { type: 'inferred', confidence: 0.5, ai_generated: true }))).toBe('AI inferred 50%');
    expect(edgeLabel(edge('x', 'a', 'b', { type: 'lineage' }))).toBe('lineage');
  });
});
