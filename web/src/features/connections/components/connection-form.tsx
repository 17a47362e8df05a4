// A new connection, or changes to a saved one: the fields its engine needs, checked before
// sending, the server's field errors shown at the fields, and a "Test connection" button
// that shows the server's answer before anything is saved. Secrets are never received:
// editing shows that one is stored, and an empty secret field keeps it.
import { useCallback, useEffect, useMemo } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { SelectField, TextField } from '@/components/ui/field';
import { useCreateConnection, useTestConnectionInput, useUpdateConnection } from '@/features/connections/api/connections';
import styles from '@/features/connections/components/connections.module.css';
import { EngineFields } from '@/features/connections/components/engine-fields';
import { TestResult } from '@/features/connections/components/test-result';
import {
  emptyConnection,
  ENGINES,
  formFieldFor,
  fromConnection,
  storedSecrets,
  toConnectionInput,
  validateConnection,
  type ConnectionFormValues,
} from '@/features/connections/lib/connection-values';
import type { Connection } from '@/features/connections/types';
import { useFormState } from '@/hooks/use-form-state';
import { ApiError } from '@/lib/api-error';

// How fields are named in the server's messages that start with a fragment ("is required ...").
const LABELS: Partial<Record<keyof ConnectionFormValues, string>> = {
  key_json: 'Service-account key',
  project: 'Project id',
  warehouse: 'SQL warehouse',
  token: 'Secret',
  client_id: 'OAuth client id',
  dsn: 'DSN',
};

type Props = {
  projectId: string;
  /** The saved connection to change; absent for a new one. */
  connection?: Connection;
  onCreated?: () => void;
  /** Called after saving changes, or on cancel (edit only). */
  onDone?: () => void;
};

export function ConnectionForm({ projectId, connection, onCreated, onDone }: Props) {
  const stored = useMemo(() => (connection ? storedSecrets(connection) : undefined), [connection]);
  const validate = useCallback((v: ConnectionFormValues) => validateConnection(v, stored), [stored]);
  const form = useFormState<ConnectionFormValues>(connection ? fromConnection(connection) : emptyConnection, validate);
  const create = useCreateConnection(projectId);
  const update = useUpdateConnection(projectId);
  const save = connection ? update : create;
  const test = useTestConnectionInput(projectId);
  const engine = form.values.engine;
  const { applyServerErrors } = form;
  const mapping = { fieldFor: (field: string) => formFieldFor(engine, field), labels: LABELS };
  useEffect(() => {
    if (save.error) applyServerErrors(save.error, mapping);
  }, [save.error]); // only a new error should apply
  useEffect(() => {
    if (test.error) applyServerErrors(test.error, mapping);
  }, [test.error]); // only a new error should apply
  // The server fields already shown next to a form field are not repeated in the alert.
  const shownAtFields = save.error instanceof ApiError ? save.error.fieldErrors.map((f) => f.field).filter((f) => formFieldFor(engine, f)) : [];

  return (
    <form
      aria-label={connection ? `Edit connection ${connection.name}` : 'New connection'}
      noValidate
      className={styles.form}
      onSubmit={(event) => {
        // Two submit buttons: "Test connection" validates like saving, then only tests.
        const intent = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value');
        form.handleSubmit((values) => {
          const body = toConnectionInput(values);
          if (intent === 'test') {
            test.mutate(body);
            return;
          }
          if (connection) {
            update.mutate({ id: connection.id, body }, { onSuccess: () => onDone?.() });
            return;
          }
          create.mutate(body, {
            onSuccess: () => {
              form.reset();
              test.reset();
              onCreated?.();
            },
          });
        })(event);
      }}
    >
      {save.error ? <ErrorState error={save.error} title={connection ? 'The changes were not saved' : 'The connection was not saved'} omitFields={shownAtFields} /> : null}
      <div className={styles.grid}>
        <TextField label="Name" required autoComplete="off" {...form.field('name')} />
        <SelectField
          label="Engine"
          required
          options={ENGINES}
          disabled={connection !== undefined}
          hint={connection ? 'To use another engine, add a new connection.' : undefined}
          {...form.field('engine')}
        />
        <EngineFields form={form} stored={stored} />
      </div>
      <TestResult result={test.data} error={test.error} />
      <div className="row">
        <Button type="submit" variant="primary" loading={save.isPending}>
          {connection ? 'Save changes' : 'Save connection'}
        </Button>
        {connection ? (
          <>
            <Button type="button" variant="ghost" onClick={onDone}>
              Cancel
            </Button>
            {/* A test of unsaved settings would need the secret, which the page never has. */}
            <span className="muted">Save, then use Test in the list to try the stored settings.</span>
          </>
        ) : (
          <Button type="submit" value="test" loading={test.isPending}>
            Test connection
          </Button>
        )}
      </div>
    </form>
  );
}
