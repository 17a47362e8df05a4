// A mapping's calibrated confidence as a bar and a percentage (colour is not the only cue:
// the number and the band name are read out).
import styles from '@/features/mapping/components/mapping.module.css';
import { confidenceBand, percent } from '@/features/mapping/lib/evidence';

export function ConfidenceBar({ value, label }: { value: number; label: string }) {
  const band = confidenceBand(value);
  return (
    <span className={[styles.confidence, styles[band]].join(' ')}>
      <progress max={100} value={Math.round(value * 100)} aria-label={`${label}: ${percent(value)}, ${band}`} />
      <span aria-hidden="true">{percent(value)}</span>
    </span>
  );
}
