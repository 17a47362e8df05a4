import type { ReactNode, TableHTMLAttributes } from 'react';
import styles from '@/components/ui/table.module.css';

export function Table({ caption, children, ...rest }: TableHTMLAttributes<HTMLTableElement> & { caption?: ReactNode }) {
  return (
    <div className={styles.wrap}>
      <table className={styles.table} {...rest}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        {children}
      </table>
    </div>
  );
}

/** A column of `TableHead`: its name, or a name only screen readers hear (an actions column). */
export type Column = string | { hidden: string };

/**
 * The header row of a table whose columns are plain names. Falsy entries are left out, for
 * columns that only some people see (`canEdit && 'Actions'`).
 */
export function TableHead({ columns }: { columns: ReadonlyArray<Column | false | null | undefined> }) {
  return (
    <thead>
      <tr>
        {columns.map((c) =>
          !c ? null : typeof c === 'string' ? (
            <th key={c} scope="col">
              {c}
            </th>
          ) : (
            <th key={c.hidden} scope="col">
              <span className="visually-hidden">{c.hidden}</span>
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}

export type SortDirection = 'ascending' | 'descending' | null;

/** A column header that sorts by its column; `aria-sort` tells the current order. */
export function SortableHeader({
  label,
  direction,
  onSort,
}: {
  label: string;
  direction: SortDirection;
  onSort: () => void;
}) {
  const next = direction === 'ascending' ? 'descending' : 'ascending';
  return (
    <th scope="col" aria-sort={direction ?? 'none'}>
      <button type="button" className={styles.sort} onClick={onSort} title={`Sort by ${label.toLowerCase()} (${next})`}>
        {label}
        <span className={[styles.arrow, direction ? '' : styles.inactive].join(' ')} aria-hidden="true">
          {direction === 'descending' ? '▼' : '▲'}
        </span>
      </button>
    </th>
  );
}
