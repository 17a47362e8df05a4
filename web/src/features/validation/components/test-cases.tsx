// Test cases: a source query and a target query, run now and compared (order-insensitive
// unless ordered, numbers within a tolerance). Each shows its last result.
import { useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { TextAreaField, TextField } from '@/components/ui/field';
import { EditDeleteButtons, FormActions, ItemEditing, useItemEditing } from '@/components/ui/item-editing';
import { useDeleteTestCase, useRunTestCase, useSaveTestCase, useTestCases } from '@/features/validation/api/validation';
import styles from '@/features/validation/components/validation.module.css';
import type { TestCase, TestCaseInput } from '@/features/validation/types';
import { ApiError } from '@/lib/api-error';

const STATUS_TONE: Record<string, BadgeTone> = { passed: 'success', failed: 'danger', error: 'warning', pending: 'neutral', skipped: 'neutral' };
const FIELDS = ['name', 'source_query', 'target_query', 'numeric_tolerance'];

type Draft = { name: string; source: string; target: string; ordered: boolean; tolerance: string };

function TestCaseForm({ projectId, test, onDone }: { projectId: string; test: TestCase | null; onDone: () => void }) {
  const [draft, setDraft] = useState<Draft>({
    name: test?.name ?? '',
    source: test?.source_query ?? '',
    target: test?.target_query ?? '',
    ordered: test?.ordered ?? false,
    tolerance: test?.numeric_tolerance ? String(test.numeric_tolerance) : '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useSaveTestCase(projectId);
  const server = save.error instanceof ApiError ? save.error.fieldMap() : {};
  const errors = { ...server, ...local };
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <form
      aria-label={test ? `Edit test case ${test.name}` : 'New test case'}
      noValidate
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        const next: Record<string, string> = {};
        if (!draft.name.trim()) next.name = 'Give the test case a name.';
        if (!draft.source.trim()) next.source_query = 'Write the query to run on the source.';
        if (!draft.target.trim()) next.target_query = 'Write the query to run on the target.';
        const tolerance = draft.tolerance.trim() ? Number(draft.tolerance) : 0;
        if (!Number.isFinite(tolerance) || tolerance < 0) next.numeric_tolerance = 'A number of 0 or more.';
        setLocal(next);
        if (Object.keys(next).length > 0) return;
        const body: TestCaseInput = { name: draft.name.trim(), source_query: draft.source, target_query: draft.target, ordered: draft.ordered, numeric_tolerance: tolerance };
        save.mutate({ id: test?.id ?? null, body }, { onSuccess: onDone });
      }}
    >
      {save.error ? <ErrorState error={save.error} title="The test case was not saved" omitFields={FIELDS} /> : null}
      <TextField label="Name" required value={draft.name} onChange={(e) => set('name', e.target.value)} error={errors.name} />
      <div className={styles.grid}>
        <TextAreaField label="Source query" rows={4} className={styles.sql} value={draft.source} onChange={(e) => set('source', e.target.value)} error={errors.source_query} hint="One SELECT in the source dialect." />
        <TextAreaField label="Target query" rows={4} className={styles.sql} value={draft.target} onChange={(e) => set('target', e.target.value)} error={errors.target_query} hint="One SELECT in the target dialect." />
      </div>
      <div className="row" style={{ flexWrap: 'wrap', gap: 16, alignItems: 'flex-end' }}>
        <TextField label="Numeric tolerance" inputMode="decimal" value={draft.tolerance} onChange={(e) => set('tolerance', e.target.value)} error={errors.numeric_tolerance} hint="Absolute; empty for exact." />
        <label className={styles.inlineCheck}>
          <input type="checkbox" checked={draft.ordered} onChange={(e) => set('ordered', e.target.checked)} />
          Compare rows in order
        </label>
      </div>
      <FormActions submitLabel={test ? 'Save test case' : 'Add test case'} saving={save.isPending} onCancel={onDone} />
    </form>
  );
}

type Props = { projectId: string; canEdit: boolean; source?: string; target?: string };

export function TestCases({ projectId, canEdit, source, target }: Props) {
  const tests = useTestCases(projectId);
  const run = useRunTestCase(projectId);
  const remove = useDeleteTestCase(projectId);
  const edit = useItemEditing<TestCase>();
  const [running, setRunning] = useState<string | null>(null);

  if (tests.isPending) return <LoadingState label="Loading test cases…" />;
  if (tests.isError) return <ErrorState error={tests.error} onRetry={() => void tests.refetch()} />;
  return (
    <div className="stack">
      {tests.data.length === 0 ? (
        <EmptyState title="No test cases yet">A test case runs a query on each side and compares the answers, e.g. revenue per month.</EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Test cases">
          {tests.data.map((t) => (
            <li key={t.id} className={styles.item} aria-labelledby={`test-${t.id}`}>
              <div className={styles.itemHeader}>
                <h3 id={`test-${t.id}`}>{t.name}</h3>
                <Badge tone={STATUS_TONE[t.status ?? 'pending'] ?? 'neutral'}>{t.status ?? 'pending'}</Badge>
                {t.executed_at ? <span className="muted">run {new Date(t.executed_at).toLocaleString()}</span> : null}
                <span style={{ flex: 1 }} />
                {canEdit ? (
                  <>
                    <Button
                      size="sm"
                      loading={run.isPending && running === t.id}
                      onClick={() => {
                        setRunning(t.id);
                        run.mutate({ id: t.id, source, target });
                      }}
                      aria-label={`Run test case ${t.name}`}
                    >
                      Run
                    </Button>
                    <EditDeleteButtons label={`test case ${t.name}`} onEdit={() => edit.setEditing(t)} onDelete={() => edit.setDeleting(t)} />
                  </>
                ) : null}
              </div>
              <div className={styles.grid}>
                <pre className={styles.code}>{t.source_query}</pre>
                <pre className={styles.code}>{t.target_query}</pre>
              </div>
              {t.last_result?.message ? <p>{t.last_result.message}</p> : null}
              {run.error && running === t.id ? <ErrorState error={run.error} title="The test case could not run" /> : null}
            </li>
          ))}
        </ul>
      )}
      <ItemEditing noun="test case" canEdit={canEdit} state={edit} remove={remove} form={(item, done) => <TestCaseForm projectId={projectId} test={item} onDone={done} />} />
    </div>
  );
}
