// Code sets ('M' → 'male'): rows of SQL literals, plus what every other value becomes.
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import styles from '@/features/mapping/components/mapping.module.css';
import type { ValueMap } from '@/features/mapping/types';

type Props = { value: ValueMap; onChange: (next: ValueMap) => void; errors?: Record<string, string> };

export function ValueMapEditor({ value, onChange, errors = {} }: Props) {
  const set = (i: number, key: 'from' | 'to', text: string) =>
    onChange({ ...value, entries: value.entries.map((e, j) => (j === i ? { ...e, [key]: text } : e)) });
  return (
    <fieldset className={styles.valueMap}>
      <legend>Value map</legend>
      <p className="muted" style={{ margin: 0 }}>
        SQL literals, e.g. <code>'M'</code> → <code>'male'</code>; the generated code writes a CASE.
      </p>
      {value.entries.map((entry, i) => (
        <div className={styles.valueMapRow} key={i}>
          <TextField label={`Source value ${i + 1}`} value={entry.from} onChange={(e) => set(i, 'from', e.target.value)} error={errors[`value_map.entries[${i}].from`]} />
          <TextField label={`Becomes ${i + 1}`} value={entry.to} onChange={(e) => set(i, 'to', e.target.value)} error={errors[`value_map.entries[${i}].to`]} />
          <Button size="sm" variant="ghost" onClick={() => onChange({ ...value, entries: value.entries.filter((_, j) => j !== i) })} aria-label={`Remove value ${i + 1}`}>
            Remove
          </Button>
        </div>
      ))}
      <div className="row" style={{ gap: 8 }}>
        <Button size="sm" onClick={() => onChange({ ...value, entries: [...value.entries, { from: '', to: '' }] })}>
          Add a value
        </Button>
      </div>
      <TextField
        label="Every other value becomes"
        hint="Leave empty to keep NULL."
        value={value.otherwise ?? ''}
        onChange={(e) => onChange({ ...value, otherwise: e.target.value === '' ? null : e.target.value })}
        error={errors['value_map.otherwise']}
      />
    </fieldset>
  );
}

/** Client-side checks before sending: every row needs both sides. */
export function valueMapErrors(value: ValueMap): Record<string, string> {
  const out: Record<string, string> = {};
  value.entries.forEach((e, i) => {
    if (!e.from.trim()) out[`value_map.entries[${i}].from`] = 'Write the source value as a SQL literal.';
    if (!e.to.trim()) out[`value_map.entries[${i}].to`] = 'Write what it becomes as a SQL literal.';
  });
  return out;
}
