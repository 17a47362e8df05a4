// The lineage graph: tables and their relationships laid out by ELK, with zoom, search,
// focus on a table and its neighbours to a depth, column-level edges on demand, and
// dragged positions saved for everyone.
import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  useReactFlow,
  type NodeTypes,
} from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Alert, ErrorState, LoadingState } from '@/components/ui/feedback';
import { useLineageGraph, useSavePositions } from '@/features/discovery/api/lineage-graph';
import styles from '@/features/discovery/components/discovery.module.css';
import { TableNode } from '@/features/discovery/components/table-node';
import { tableLabel, toFlowElements, type TableFlowNode } from '@/features/discovery/lib/graph-transform';
import { layoutGraph } from '@/features/discovery/lib/layout';
import type { GraphQuery } from '@/features/discovery/types';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { errorMessage } from '@/lib/api-error';
import shared from '@/styles/shared.module.css';

const nodeTypes: NodeTypes = { table: TableNode };

type Props = {
  projectId: string;
  selectedId: string | null;
  onSelect: (tableId: string | null) => void;
  canEdit: boolean;
};

export function LineageGraph(props: Props) {
  return (
    <ReactFlowProvider>
      <GraphView {...props} />
    </ReactFlowProvider>
  );
}

function GraphView({ projectId, selectedId, onSelect, canEdit }: Props) {
  const [search, setSearch] = useState('');
  const [focus, setFocus] = useState<string | null>(null);
  const [depth, setDepth] = useState(1);
  const [showColumns, setShowColumns] = useState(false);
  const debounced = useDebouncedValue(search.trim(), 300);
  const query: GraphQuery = useMemo(
    () => ({ search: focus ? undefined : debounced || undefined, focus: focus ?? undefined, depth: focus ? depth : undefined, columns: showColumns }),
    [debounced, focus, depth, showColumns],
  );
  const graph = useLineageGraph(projectId, query);
  const save = useSavePositions(projectId);
  const [nodes, setNodes, onNodesChange] = useNodesState<TableFlowNode>([]);
  const [layoutError, setLayoutError] = useState<unknown>(null);
  const [laying, setLaying] = useState(false);
  const flow = useReactFlow();
  const dragged = useRef(new Map<string, { x: number; y: number }>());
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const elements = useMemo(
    () => (graph.data ? toFlowElements(graph.data, { focusId: focus, showColumns }) : { nodes: [], edges: [] }),
    [graph.data, focus, showColumns],
  );

  useEffect(() => {
    let cancelled = false;
    const stored: Record<string, { x: number; y: number }> = {};
    for (const n of elements.nodes) {
      const p = dragged.current.get(n.id) ?? n.data.table.position;
      if (p) stored[n.id] = p;
    }
    setLaying(true);
    layoutGraph(
      elements.nodes.map((n) => ({ id: n.id, width: n.width ?? 240, height: n.height ?? 48 })),
      elements.edges,
      stored,
    )
      .then((positions) => {
        if (cancelled) return;
        setLayoutError(null);
        setNodes(elements.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position, selected: n.id === selectedId })));
        window.requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 200, maxZoom: 1 }));
      })
      .catch((error: unknown) => {
        if (!cancelled) setLayoutError(error);
      })
      .finally(() => {
        if (!cancelled) setLaying(false);
      });
    return () => {
      cancelled = true;
    };
    // selectedId is applied below without a new layout
  }, [elements, setNodes, flow]);

  useEffect(() => {
    setNodes((prev) => prev.map((n) => (n.selected === (n.id === selectedId) ? n : { ...n, selected: n.id === selectedId })));
  }, [selectedId, setNodes]);

  useEffect(() => () => clearTimeout(saveTimer.current), []);

  const queueSave = (moved: TableFlowNode[]) => {
    if (!canEdit) return;
    for (const n of moved) dragged.current.set(n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) });
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => {
      const positions = [...dragged.current].map(([node_id, p]) => ({ node_id, x: p.x, y: p.y }));
      if (positions.length > 0) save.mutate(positions);
    }, 600);
  };

  const data = graph.data;
  const focusNode = focus ? data?.nodes.find((n) => n.id === focus) : undefined;

  return (
    <div className={styles.graphWrap}>
      <div className={styles.graphToolbar} role="group" aria-label="Graph controls">
        <label className={shared.inlineField}>
          <span>Find tables</span>
          <input
            type="search"
            value={search}
            placeholder="Table name"
            onChange={(e) => setSearch(e.target.value)}
            disabled={focus !== null}
          />
        </label>
        <Button size="sm" disabled={!selectedId || selectedId === focus} onClick={() => setFocus(selectedId)}>
          Focus on selected
        </Button>
        <label className={shared.inlineField}>
          <span>Depth</span>
          <select value={depth} onChange={(e) => setDepth(Number(e.target.value))} disabled={focus === null}>
            {[1, 2, 3, 4, 5].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        {focus ? (
          <Button size="sm" variant="ghost" onClick={() => setFocus(null)}>
            Show whole graph
          </Button>
        ) : null}
        <label className={styles.checkField}>
          <input type="checkbox" checked={showColumns} onChange={(e) => setShowColumns(e.target.checked)} />
          <span>Column-level edges</span>
        </label>
        <span className={styles.graphStatus} role="status" aria-live="polite">
          {graph.isFetching || laying ? 'Updating…' : data ? `${data.nodes.length} tables, ${data.edges.length} edges` : ''}
        </span>
      </div>
      {focusNode ? (
        <p className={styles.focusNote}>
          Showing <strong>{tableLabel(focusNode)}</strong> and its neighbours up to {depth} step{depth === 1 ? '' : 's'} away.
        </p>
      ) : null}
      {data?.truncated ? (
        <Alert tone="warning" title="Large graph: showing part of it">
          <p>
            Showing the {data.nodes.length} most connected of {data.total_nodes} tables. Search for a table or focus on one to see
            the rest.
          </p>
        </Alert>
      ) : null}
      {save.isError ? <Alert tone="warning">Positions were not saved: {errorMessage(save.error)}</Alert> : null}
      {graph.isPending ? <LoadingState label="Loading the graph…" /> : null}
      {graph.isError ? <ErrorState error={graph.error} title="The graph could not be loaded" onRetry={() => void graph.refetch()} /> : null}
      {layoutError ? <ErrorState error={layoutError} title="The graph could not be laid out" /> : null}
      {data && data.nodes.length === 0 ? (
        <p className="muted">{debounced ? `No table matches “${debounced}”.` : 'The latest snapshot has no tables.'}</p>
      ) : null}
      <div className={styles.canvas} aria-label="Lineage graph" role="region">
        <ReactFlow
          nodes={nodes}
          edges={elements.edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={(_, node) => onSelect(node.id)}
          onPaneClick={() => onSelect(null)}
          onNodeDragStop={(_, node, moved) => queueSave(moved.length > 0 ? moved : [node])}
          nodesDraggable={canEdit}
          nodesConnectable={false}
          edgesFocusable={false}
          minZoom={0.05}
          maxZoom={2}
          onlyRenderVisibleElements
          fitView
        >
          <Background gap={24} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable ariaLabel="Graph overview" />
        </ReactFlow>
      </div>
    </div>
  );
}
