// Source → target table pairs with how much of each target is mapped; choosing one
// filters the column grid to it.
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { useTableMappings } from '@/features/mapping/api/mapping';
import { ConfidenceBar } from '@/features/mapping/components/confidence-bar';
import styles from '@/features/mapping/components/mapping.module.css';
import type { TableMapping } from '@/features/mapping/types';

type Props = { projectId: string; selected: string | null; onSelect: (table: TableMapping | null) => void };

export function TableMappings({ projectId, selected, onSelect }: Props) {
  const tables = useTableMappings(projectId);
  if (tables.isPending) return <LoadingState label="Loading table mappings…" />;
  if (tables.isError) return <ErrorState error={tables.error} onRetry={() => void tables.refetch()} />;
  if (tables.data.items.length === 0)
    return <EmptyState title="No table mappings yet">Run the suggestion engine, or write a mapping yourself.</EmptyState>;
  return (
    <ul className={styles.tableList} aria-label="Table mappings">
      <li>
        <button type="button" className={styles.tableItem} aria-pressed={selected === null} onClick={() => onSelect(null)}>
          <span className={styles.tableNames}>All tables</span>
        </button>
      </li>
      {tables.data.items.map((t) => {
        const sources = t.source_tables.length > 0 ? t.source_tables.join(' + ') : t.source_table;
        return (
          <li key={t.id}>
            <button type="button" className={styles.tableItem} aria-pressed={selected === t.id} onClick={() => onSelect(t)}>
              <span className={styles.tableNames}>
                {sources} → <strong>{t.target_table}</strong>
              </span>
              <span className={styles.completion}>
                <progress max={100} value={t.completion_percentage} aria-label={`${t.target_table} completion: ${t.completion_percentage}%`} />
                <span>{t.completion_percentage}%</span>
              </span>
              <span className={styles.completion}>
                Required {t.required_fields_covered}/{t.total_required_fields} · fields {t.mapped_fields}/{t.total_fields}
              </span>
              <ConfidenceBar value={t.confidence} label={`Table match confidence of ${t.target_table}`} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
