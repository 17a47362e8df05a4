import { useId } from 'react';
import { Button } from '@/components/ui/button';
import styles from '@/components/ui/pagination.module.css';

export type PaginationProps = {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  onLimitChange?: (limit: number) => void;
  pageSizes?: readonly number[];
  label?: string;
};

export function Pagination({
  total,
  limit,
  offset,
  onChange,
  onLimitChange,
  pageSizes = [10, 20, 50, 100],
  label = 'Pagination',
}: PaginationProps) {
  const sizeId = useId();
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className={styles.pagination} aria-label={label}>
      <p className={styles.range} aria-live="polite">
        {first}–{last} of {total}
      </p>
      <div className={styles.controls}>
        {onLimitChange ? (
          <span className={styles.size}>
            <label htmlFor={sizeId}>Per page</label>
            <select id={sizeId} value={limit} onChange={(e) => onLimitChange(Number(e.target.value))}>
              {pageSizes.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        <Button size="sm" onClick={() => onChange(Math.max(0, offset - limit))} disabled={offset === 0}>
          Previous
        </Button>
        <span className="muted">
          Page {page} of {pages}
        </span>
        <Button size="sm" onClick={() => onChange(offset + limit)} disabled={offset + limit >= total}>
          Next
        </Button>
      </div>
    </nav>
  );
}
