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
  getViewportForBounds,
  useNodesState,
  useReactFlow,
  useStoreApi,
  type NodeTypes,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Alert, ErrorState, LoadingState, Skeleton } from '@/components/ui/feedback';
import { graphQueryFor, useLineageGraph, useSavePositions } from '@/features/discovery/api/lineage-graph';
import styles from '@/features/discovery/components/discovery.module.css';
import { TableNode } from '@/features/discovery/components/table-node';
import { tableLabel, toFlowElements, type TableFlowNode } from '@/features/discovery/lib/graph-transform';
import { boundsOf, cachedLayout, layoutGraph, prepareLayout, type Bounds, type Positions } from '@/features/discovery/lib/layout';
import type { GraphQuery, LineageGraph } from '@/features/discovery/types';
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
  const query: GraphQuery = useMemo(() => graphQueryFor({ search: debounced, focus, depth, showColumns }), [debounced, focus, depth, showColumns]);
  const graph = useLineageGraph(projectId, query);
  const save = useSavePositions(projectId);
  const [nodes, setNodes, onNodesChange] = useNodesState<TableFlowNode>([]);
  const [layoutError, setLayoutError] = useState<unknown>(null);
  const [laying, setLaying] = useState(false);
  const flow = useReactFlow();
  const store = useStoreApi();
  const dragged = useRef(new Map<string, { x: number; y: number }>());
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // ELK loads in its worker while the graph is fetched.
  useEffect(() => prepareLayout(), []);

  // Fits the view to the laid-out nodes from their known positions and sizes. React Flow's
  // own fitView counts only nodes it has measured, and with onlyRenderVisibleElements a
  // node outside the current view is never rendered, so never measured: a new graph placed
  // away from the old view (a focus, a dragged table) was fitted to nothing and stayed empty.
  const fitTo = useCallback(
    (bounds: Bounds | null, attempt = 0) => {
      if (!bounds) return;
      const { width, height, minZoom } = store.getState();
      if (width === 0 || height === 0) {
        // The canvas is not measured yet: try again on the next frames.
        if (attempt < 30) window.requestAnimationFrame(() => fitTo(bounds, attempt + 1));
        return;
      }
      void flow.setViewport(getViewportForBounds(bounds, width, height, minZoom, 1, 0.15), { duration: 200 });
    },
    [flow, store],
  );

  // What is drawn: the last answer to the current question. While a new answer loads, the
  // previous one (react-query's placeholder) stays as it is, not laid out and drawn again
  // with the new focus or column setting it was not fetched for.
  const [view, setView] = useState<{ data: LineageGraph; focus: string | null; showColumns: boolean } | null>(null);
  if (graph.data && !graph.isPlaceholderData && (view?.data !== graph.data || view.focus !== focus || view.showColumns !== showColumns)) {
    setView({ data: graph.data, focus, showColumns });
  }
  const elements = useMemo(
    () => (view ? toFlowElements(view.data, { focusId: view.focus, showColumns: view.showColumns }) : { nodes: [], edges: [] }),
    [view],
  );

  useEffect(() => {
    let cancelled = false;
    const stored: Positions = {};
    for (const n of elements.nodes) {
      const p = dragged.current.get(n.id) ?? n.data.table.position;
      if (p) stored[n.id] = p;
    }
    const sized = elements.nodes.map((n) => ({ id: n.id, width: n.width ?? 240, height: n.height ?? 48 }));
    const show = (positions: Positions) => {
      setLayoutError(null);
      setNodes(elements.nodes.map((n) => ({ ...n, position: positions[n.id] ?? n.position, selected: n.id === selectedId })));
      fitTo(boundsOf(sized, positions));
    };
    // A graph laid out before (back to the whole graph after a focus) is shown at once.
    const known = cachedLayout(sized, elements.edges, stored);
    if (known) {
      setLaying(false);
      show(known);
      return;
    }
    setLaying(true);
    layoutGraph(sized, elements.edges, stored)
      .then((positions) => {
        if (!cancelled) show(positions);
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
  }, [elements, setNodes, fitTo]);

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
      <div className={styles.canvas} aria-label="Lineage graph" role="region" aria-busy={laying}>
        {laying && nodes.length === 0 ? <LayoutSkeleton tables={elements.nodes.length} /> : null}
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
        >
          <Background gap={24} />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable ariaLabel="Graph overview" />
        </ReactFlow>
      </div>
    </div>
  );
}

/** Over the canvas while ELK places the tables: where the graph will be, and how big it is. */
function LayoutSkeleton({ tables }: { tables: number }) {
  return (
    <div className={styles.layoutSkeleton}>
      <div className={styles.skeletonBlocks} aria-hidden="true">
        {Array.from({ length: 12 }, (_, i) => (
          <Skeleton key={i} />
        ))}
      </div>
      <p>
        Placing {tables} table{tables === 1 ? '' : 's'}…
      </p>
    </div>
  );
}
