// The project's data-quality rules: list, create, edit, enable or disable, delete. The
// server checks each rule against the target catalog and parses SQL rules before storing
// them; its field errors (a SQL rule's line, column and what the parser expected) are
// shown at the field they are about.
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { EditDeleteButtons, FormActions, ItemEditing, useItemEditing } from '@/components/ui/item-editing';
import { Table, TableHead } from '@/components/ui/table';
import { useDeleteRule, useRules, useSaveRule } from '@/features/validation/api/validation';
import styles from '@/features/validation/components/validation.module.css';
import { SEVERITIES, SEVERITY_TONE } from '@/features/validation/lib/report';
import { draftFromRule, EMPTY_RULE, ruleInputFromDraft, RULE_KINDS, type RuleDraft } from '@/features/validation/lib/rule-draft';
import type { Rule } from '@/features/validation/types';
import { ApiError } from '@/lib/api-error';

/** Fields the form shows in place; `params.min` and the like are shown at the params field. */
const SHOWN_FIELDS = ['name', 'kind', 'table', 'column', 'params', 'sql'];

export function fieldErrorsByField(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of error.fieldErrors) {
    const field = f.field.split(/[.[]/)[0] ?? f.field;
    if (SHOWN_FIELDS.includes(field) && !(field in out)) out[field] = f.message;
  }
  return out;
}

function shownFields(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.map((f) => f.field).filter((f) => SHOWN_FIELDS.includes(f.split(/[.[]/)[0] ?? f));
}

function describeRule(r: Rule): string {
  if (r.kind === 'sql') return r.sql ?? '';
  const params = r.params && Object.keys(r.params).length > 0 ? ` ${JSON.stringify(r.params)}` : '';
  return `${r.column ?? ''}${params}`;
}

function RuleForm({ projectId, rule, onDone }: { projectId: string; rule: Rule | null; onDone: () => void }) {
  const [draft, setDraft] = useState<RuleDraft>(rule ? draftFromRule(rule) : EMPTY_RULE);
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useSaveRule(projectId);
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const server = save.error instanceof ApiError ? fieldErrorsByField(save.error) : {};
  const errors = { ...server, ...local };
  const kind = draft.kind;
  return (
    <form
      aria-label={rule ? `Edit rule ${rule.name}` : 'New rule'}
      noValidate
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        const built = ruleInputFromDraft(draft);
        setLocal(built.errors);
        if (Object.keys(built.errors).length > 0) return;
        save.mutate({ id: rule?.id ?? null, body: built.input }, { onSuccess: onDone });
      }}
    >
      {save.error ? <ErrorState error={save.error} title="The rule was not saved" omitFields={shownFields(save.error)} /> : null}
      <div className={styles.grid}>
        <TextField label="Name" required value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
        <SelectField label="Kind" value={kind} options={RULE_KINDS} onChange={(e) => set('kind', e.target.value as RuleDraft['kind'])} error={errors.kind} />
        <TextField label="Table" required value={draft.table} onChange={(e) => set('table', e.target.value)} error={errors.table} hint="A table of the target catalog." />
        {kind !== 'sql' ? <TextField label="Column" value={draft.column} onChange={(e) => set('column', e.target.value)} error={errors.column} /> : null}
        <SelectField
          label="Severity"
          value={draft.severity}
          options={SEVERITIES.map((s) => ({ value: s, label: s }))}
          onChange={(e) => set('severity', e.target.value as RuleDraft['severity'])}
        />
        {kind === 'range' ? (
          <>
            <TextField label="Minimum" value={draft.min} onChange={(e) => set('min', e.target.value)} error={errors.params} />
            <TextField label="Maximum" value={draft.max} onChange={(e) => set('max', e.target.value)} />
          </>
        ) : null}
        {kind === 'regex' ? <TextField label="Pattern" value={draft.pattern} onChange={(e) => set('pattern', e.target.value)} error={errors.params} hint="POSIX extended regular expression." /> : null}
        {kind === 'accepted_values' ? (
          <TextField label="Accepted values" value={draft.values} onChange={(e) => set('values', e.target.value)} error={errors.params} hint="Separated by commas." />
        ) : null}
        {kind === 'freshness' ? (
          <TextField label="Maximum age (hours)" inputMode="decimal" value={draft.maxAgeHours} onChange={(e) => set('maxAgeHours', e.target.value)} error={errors.params} />
        ) : null}
      </div>
      {kind === 'sql' ? (
        <TextAreaField
          label="SQL returning the violating rows"
          className={styles.sql}
          rows={4}
          value={draft.sql}
          onChange={(e) => set('sql', e.target.value)}
          error={errors.sql}
          hint="One SELECT in the target dialect; each row it returns is a violation."
        />
      ) : null}
      <label className={styles.inlineCheck}>
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        Enabled (runs with every validation)
      </label>
      <FormActions submitLabel={rule ? 'Save rule' : 'Add rule'} saving={save.isPending} onCancel={onDone} />
    </form>
  );
}

export function RulesEditor({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const rules = useRules(projectId);
  const remove = useDeleteRule(projectId);
  const edit = useItemEditing<Rule>();

  if (rules.isPending) return <LoadingState label="Loading rules…" />;
  if (rules.isError) return <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <div className="stack">
      {rules.data.length === 0 ? (
        <EmptyState title="No rules yet">Rules check the target data: not null, unique, ranges, patterns, accepted values, freshness, or your own SQL.</EmptyState>
      ) : (
        <Table caption="Rules" aria-label="Rules">
          <TableHead columns={['Name', 'Kind', 'Table', 'Rule', 'Severity', 'Enabled', canEdit && 'Actions']} />
          <tbody>
            {rules.data.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.kind}</td>
                <td>{r.table}</td>
                <td className={styles.code}>{describeRule(r)}</td>
                <td>{r.severity ? <Badge tone={SEVERITY_TONE[r.severity] ?? 'neutral'}>{r.severity}</Badge> : null}</td>
                <td>{r.enabled === false ? 'No' : 'Yes'}</td>
                {canEdit ? (
                  <td>
                    <div className="row" style={{ gap: 6 }}>
                      <EditDeleteButtons label={`rule ${r.name}`} onEdit={() => edit.setEditing(r)} onDelete={() => edit.setDeleting(r)} />
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ItemEditing noun="rule" canEdit={canEdit} state={edit} remove={remove} form={(item, done) => <RuleForm projectId={projectId} rule={item} onDone={done} />} deleteNote="Reports already made keep its results; future validations no longer run it." />
    </div>
  );
}
