// One table in the lineage graph: its name, role and size, and its columns when asked,
// with a handle on each column that carries a column-level edge.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { columnHandle, COLUMN_ROW_HEIGHT, NODE_HEADER_HEIGHT, tableLabel, type TableFlowNode } from '@/features/discovery/lib/graph-transform';
import styles from '@/features/discovery/components/discovery.module.css';

export const TableNode = memo(function TableNode({ data, selected }: NodeProps<TableFlowNode>) {
  const { table, showColumns, focused, dimmed, linkedColumns } = data;
  const linked = new Set(linkedColumns);
  return (
    <div
      className={[styles.node, focused ? styles.nodeFocused : '', selected ? styles.nodeSelected : '', dimmed ? styles.nodeDimmed : ''].join(' ')}
      data-role={table.role ?? 'none'}
    >
      <Handle type="target" position={Position.Left} className={styles.handle} />
      <div className={styles.nodeHeader} style={{ height: NODE_HEADER_HEIGHT }}>
        <span className={styles.nodeName} title={tableLabel(table)}>
          {tableLabel(table)}
        </span>
        <span className={styles.nodeMeta}>
          {table.role ? <span className={styles[`role_${table.role}`]}>{table.role}</span> : null}
          <span>
            {table.column_count} col{table.column_count === 1 ? '' : 's'}
            {table.kind && table.kind !== 'table' ? ` · ${table.kind}` : ''}
          </span>
        </span>
      </div>
      {showColumns && table.columns ? (
        <ul className={styles.nodeColumns}>
          {table.columns.map((c) => (
            <li key={c.name} style={{ height: COLUMN_ROW_HEIGHT }}>
              {linked.has(c.name) ? (
                <Handle type="target" id={columnHandle(c.name, 'in')} position={Position.Left} className={styles.columnHandle} />
              ) : null}
              <span className={styles.columnName}>
                {c.is_primary_key ? <abbr title="primary key">PK </abbr> : null}
                {c.is_foreign_key ? <abbr title="foreign key">FK </abbr> : null}
                {c.name}
              </span>
              <span className={styles.columnType}>{c.data_type}</span>
              {linked.has(c.name) ? (
                <Handle type="source" id={columnHandle(c.name, 'out')} position={Position.Right} className={styles.columnHandle} />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <Handle type="source" position={Position.Right} className={styles.handle} />
    </div>
  );
});
