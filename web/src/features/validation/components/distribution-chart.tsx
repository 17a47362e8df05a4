// Small accessible SVG charts of a column on both sides: a range chart (min to max with
// the average marked) from the aggregate checks, and a quantile chart from a
// distribution-shift anomaly's sketches. Each names what it shows in words too.
import styles from '@/features/validation/components/validation.module.css';
import type { ColumnRange, QuantileSeries } from '@/features/validation/lib/report';

const W = 320;

function fmt(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 1000 ? n.toFixed(0) : Number(n.toPrecision(6)).toString();
}

/** Maps [lo, hi] onto [x0, x1]; a zero-width domain maps to the middle. */
export function scale(lo: number, hi: number, x0: number, x1: number) {
  return (v: number) => (hi === lo ? (x0 + x1) / 2 : x0 + ((v - lo) / (hi - lo)) * (x1 - x0));
}

function Legend() {
  return (
    <div className={styles.legend} aria-hidden="true">
      <span>
        <span className={`${styles.swatch} ${styles.sourceFill}`} />
        Source
      </span>
      <span>
        <span className={`${styles.swatch} ${styles.targetFill}`} />
        Target
      </span>
    </div>
  );
}

export function rangeDescription(r: ColumnRange): string {
  const side = (name: string, s: ColumnRange['source']) =>
    `${name} from ${fmt(s.min)} to ${fmt(s.max)}${s.avg !== null ? `, average ${fmt(s.avg)}` : ''}`;
  return `${r.table}.${r.column}: ${side('source', r.source)}; ${side('target', r.target)}.`;
}

export function RangeChart({ range }: { range: ColumnRange }) {
  const lo = Math.min(range.source.min, range.target.min);
  const hi = Math.max(range.source.max, range.target.max);
  const x = scale(lo, hi, 70, W - 10);
  const id = `range-${range.table}-${range.column}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const bar = (s: ColumnRange['source'], y: number, cls: string) => (
    <g>
      <rect className={cls} x={x(s.min)} y={y} width={Math.max(2, x(s.max) - x(s.min))} height={14} rx={2} opacity={0.8} />
      {s.avg !== null ? <line className={styles.avgMark} x1={x(s.avg)} x2={x(s.avg)} y1={y - 2} y2={y + 16} /> : null}
    </g>
  );
  return (
    <figure className={styles.chart}>
      <figcaption id={`${id}-caption`}>
        {range.table}.{range.column}
        {range.status === 'failed' ? ' (differs)' : ''}
      </figcaption>
      <svg viewBox={`0 0 ${W} 74`} role="img" aria-labelledby={`${id}-caption ${id}-desc`}>
        <desc id={`${id}-desc`}>{rangeDescription(range)}</desc>
        <text className={styles.axisLabel} x={0} y={20}>
          Source
        </text>
        <text className={styles.axisLabel} x={0} y={44}>
          Target
        </text>
        {bar(range.source, 9, styles.sourceFill!)}
        {bar(range.target, 33, styles.targetFill!)}
        <line className={styles.axis} x1={70} x2={W - 10} y1={56} y2={56} />
        <text className={styles.axisLabel} x={70} y={70}>
          {fmt(lo)}
        </text>
        <text className={styles.axisLabel} x={W - 10} y={70} textAnchor="end">
          {fmt(hi)}
        </text>
      </svg>
      <Legend />
    </figure>
  );
}

export function QuantileChart({ series, title }: { series: QuantileSeries; title: string }) {
  const values = [...series.source, ...series.target];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = scale(0, 1, 40, W - 10);
  const y = scale(lo, hi, 120, 10);
  const path = (qs: number[]) => qs.map((q, i) => `${i === 0 ? 'M' : 'L'}${x(series.probabilities[i]!).toFixed(1)},${y(q).toFixed(1)}`).join(' ');
  const id = `q-${title}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const median = Math.floor(series.probabilities.length / 2);
  return (
    <figure className={styles.chart}>
      <figcaption id={`${id}-caption`}>Quantiles of {title}</figcaption>
      <svg viewBox={`0 0 ${W} 140`} role="img" aria-labelledby={`${id}-caption ${id}-desc`}>
        <desc id={`${id}-desc`}>
          {`${series.probabilities.length} quantiles (${series.unit}); median ${fmt(series.source[median]!)} in the source and ${fmt(series.target[median]!)} in the target${series.ks !== null ? `; KS distance ${fmt(series.ks)}` : ''}.`}
        </desc>
        <line className={styles.axis} x1={40} x2={W - 10} y1={120} y2={120} />
        <line className={styles.axis} x1={40} x2={40} y1={10} y2={120} />
        <text className={styles.axisLabel} x={36} y={14} textAnchor="end">
          {fmt(hi)}
        </text>
        <text className={styles.axisLabel} x={36} y={120} textAnchor="end">
          {fmt(lo)}
        </text>
        <text className={styles.axisLabel} x={40} y={134}>
          0
        </text>
        <text className={styles.axisLabel} x={W - 10} y={134} textAnchor="end">
          1 (share of rows)
        </text>
        <path className={styles.sourceLine} d={path(series.source)} />
        <path className={styles.targetLine} d={path(series.target)} />
      </svg>
      <Legend />
    </figure>
  );
}
