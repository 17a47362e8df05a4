// Editing one mapping (or writing a new one): target, transformation, the SQL formula
// and an optional value map. The server parses the formula against both catalogs; its
// diagnostic (with the position) is shown under the formula field.
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState } from '@/components/ui/feedback';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { ValueMapEditor, valueMapErrors } from '@/features/mapping/components/value-map-editor';
import { TRANSFORMATIONS, type FieldMapping, type MappingInput, type Transformation, type ValueMap } from '@/features/mapping/types';
import { ApiError } from '@/lib/api-error';

type Props = {
  open: boolean;
  mapping: FieldMapping | null; // null: a new mapping
  onClose: () => void;
  onSave: (input: MappingInput) => Promise<unknown>;
  saving: boolean;
};

type Draft = {
  sourceTable: string;
  sourceColumns: string;
  targetTable: string;
  targetColumn: string;
  transformation: Transformation;
  formula: string;
  description: string;
  useValueMap: boolean;
  valueMap: ValueMap;
};

function draftOf(m: FieldMapping | null): Draft {
  return {
    sourceTable: m?.source_table ?? '',
    sourceColumns: m ? m.sources.map((s) => s.column).join(', ') || m.source_column : '',
    targetTable: m?.target_table ?? '',
    targetColumn: m?.target_column ?? '',
    transformation: m?.transformation ?? 'direct',
    formula: m?.formula ?? '',
    description: m?.description ?? '',
    useValueMap: Boolean(m?.value_map && m.value_map.entries.length > 0),
    valueMap: m?.value_map ?? { entries: [{ from: '', to: '' }], otherwise: null },
  };
}

/** Checks a person would expect before anything is sent. */
export function draftErrors(d: Draft, isNew: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (isNew && !d.sourceTable.trim()) out.source_table = 'Name the source table.';
  if (isNew && !d.sourceColumns.trim() && d.transformation === 'direct') out.sources = 'A direct mapping copies a source column: name it.';
  if (!d.targetTable.trim()) out.target_table = 'Name the target table.';
  if (!d.targetColumn.trim()) out.target_column = 'Name the target column.';
  if (d.transformation !== 'direct' && !d.formula.trim() && !d.useValueMap) out.formula = 'Write the SQL expression that computes the target value.';
  if (d.useValueMap) Object.assign(out, valueMapErrors(d.valueMap));
  return out;
}

export function MappingEditor({ open, mapping, onClose, onSave, saving }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(mapping));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const isNew = mapping === null;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local = draftErrors(draft, isNew);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length > 0) return;
    const input: MappingInput = {
      target_table: draft.targetTable.trim(),
      target_column: draft.targetColumn.trim(),
      transformation: draft.transformation,
      formula: draft.formula.trim(),
      description: draft.description.trim(),
      value_map: draft.useValueMap ? draft.valueMap : null,
    };
    if (isNew || draft.sourceColumns !== draftOf(mapping).sourceColumns || draft.sourceTable !== draftOf(mapping).sourceTable) {
      input.sources = draft.sourceColumns
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
        .map((column) => ({ table: draft.sourceTable.trim(), column }));
    }
    try {
      await onSave(input);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors.length > 0) {
        const map = error.fieldMap();
        // Field errors the form shows in place; anything else as the whole message.
        setErrors(map);
        const shown = ['formula', 'target_table', 'target_column', 'sources', 'source_table', 'transformation'];
        if (!Object.keys(map).some((k) => shown.includes(k) || k.startsWith('value_map'))) setFailure(error);
      } else {
        setFailure(error);
      }
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      wide
      title={isNew ? 'New mapping' : `Edit ${mapping.source_table}.${mapping.source_column} → ${mapping.target_column}`}
      description="Formulas are SQL expressions over the source columns, in the project's target dialect."
    >
      <form onSubmit={(e) => void submit(e)} className="stack" noValidate aria-label={isNew ? 'New mapping' : 'Edit mapping'}>
        <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
          <TextField label="Source table" value={draft.sourceTable} onChange={(e) => set('sourceTable', e.target.value)} error={errors.source_table} required={isNew} />
          <TextField
            label="Source columns"
            hint="Comma-separated; several for concatenations."
            value={draft.sourceColumns}
            onChange={(e) => set('sourceColumns', e.target.value)}
            error={errors.sources}
          />
        </div>
        <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
          <TextField label="Target table" value={draft.targetTable} onChange={(e) => set('targetTable', e.target.value)} error={errors.target_table} required />
          <TextField label="Target column" value={draft.targetColumn} onChange={(e) => set('targetColumn', e.target.value)} error={errors.target_column} required />
          <SelectField
            label="Transformation"
            value={draft.transformation}
            onChange={(e) => set('transformation', e.target.value as Transformation)}
            options={TRANSFORMATIONS.map((t) => ({ value: t, label: t.replace('_', ' ') }))}
            error={errors.transformation}
          />
        </div>
        <TextAreaField
          label="Formula (SQL)"
          hint="Empty for a direct copy. Example: CAST(birth_dt AS DATE), first_name || ' ' || last_name"
          value={draft.formula}
          onChange={(e) => set('formula', e.target.value)}
          error={errors.formula}
          rows={3}
          spellCheck={false}
          style={{ fontFamily: 'var(--font-mono)' }}
        />
        <label className="row" style={{ gap: 8 }}>
          <input type="checkbox" checked={draft.useValueMap} onChange={(e) => set('useValueMap', e.target.checked)} />
          Map code values (a value map)
        </label>
        {draft.useValueMap ? <ValueMapEditor value={draft.valueMap} onChange={(v) => set('valueMap', v)} errors={errors} /> : null}
        <TextField label="Note" value={draft.description} onChange={(e) => set('description', e.target.value)} />
        {failure ? <ErrorState error={failure} title="The mapping was not saved" /> : null}
        <div className="row" style={{ gap: 8, justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={saving}>
            {isNew ? 'Add mapping' : 'Save mapping'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
