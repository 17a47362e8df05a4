// A new database connection: the fields its engine needs, checked before sending, and a
// "Test connection" button that shows the server's answer before anything is saved.
import { useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { SelectField, TextField } from '@/components/ui/field';
import { useCreateConnection, useTestConnectionInput } from '@/features/connections/api/connections';
import styles from '@/features/connections/components/connections.module.css';
import { TestResult } from '@/features/connections/components/test-result';
import type { ConnectionInput, Engine } from '@/features/connections/types';
import { useFormState } from '@/hooks/use-form-state';
import { checkRequired, compact } from '@/lib/validation';

export const ENGINES: ReadonlyArray<{ value: Engine; label: string; port?: number }> = [
  { value: 'postgresql', label: 'PostgreSQL', port: 5432 },
  { value: 'mariadb', label: 'MySQL / MariaDB', port: 3306 },
  { value: 'sqlite', label: 'SQLite file' },
  { value: 'odbc', label: 'ODBC data source (DSN)' },
];

export type ConnectionFormValues = {
  name: string;
  engine: string;
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  path: string;
  dsn: string;
};

export const emptyConnection: ConnectionFormValues = {
  name: '',
  engine: 'postgresql',
  host: '',
  port: '',
  database: '',
  user: '',
  password: '',
  path: '',
  dsn: '',
};

const isServer = (engine: string) => engine === 'postgresql' || engine === 'mariadb';

export function validateConnection(v: ConnectionFormValues) {
  const server = isServer(v.engine);
  const port = v.port.trim();
  return compact({
    name: checkRequired(v.name, 'Give the connection a name.', 255),
    engine: ENGINES.some((e) => e.value === v.engine) ? undefined : 'Choose a database engine.',
    host: server ? checkRequired(v.host, 'Enter the host name or address of the database server.', 255) : undefined,
    port:
      server && port && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)
        ? 'Enter a port between 1 and 65535, or leave it empty for the default.'
        : undefined,
    database: server ? checkRequired(v.database, 'Enter the database to read.', 255) : undefined,
    user: server ? checkRequired(v.user, 'Enter the user to sign in as.', 255) : undefined,
    path: v.engine === 'sqlite' ? checkRequired(v.path, 'Enter the path of the SQLite file on the server.', 1024) : undefined,
    dsn: v.engine === 'odbc' ? checkRequired(v.dsn, 'Enter the name of an ODBC data source defined on the server.', 1024) : undefined,
  });
}

/** The request body: only the fields the engine uses, the port as a number. */
export function toConnectionInput(v: ConnectionFormValues): ConnectionInput {
  const engine = v.engine as Engine;
  const body: ConnectionInput = { name: v.name.trim(), engine };
  if (isServer(engine)) {
    body.host = v.host.trim();
    if (v.port.trim()) body.port = Number(v.port.trim());
    body.database = v.database.trim();
    body.user = v.user.trim();
    if (v.password) body.password = v.password;
  } else if (engine === 'sqlite') {
    body.path = v.path.trim();
  } else {
    body.dsn = v.dsn.trim();
    if (v.user.trim()) body.user = v.user.trim();
    if (v.password) body.password = v.password;
  }
  return body;
}

export function ConnectionForm({ projectId, onCreated }: { projectId: string; onCreated?: () => void }) {
  const form = useFormState<ConnectionFormValues>(emptyConnection, validateConnection);
  const create = useCreateConnection(projectId);
  const test = useTestConnectionInput(projectId);
  const { applyServerErrors } = form;
  useEffect(() => {
    if (create.error) applyServerErrors(create.error);
  }, [create.error]); // only a new error should apply
  useEffect(() => {
    if (test.error) applyServerErrors(test.error);
  }, [test.error]); // only a new error should apply

  const engine = form.values.engine;
  const defaultPort = ENGINES.find((e) => e.value === engine)?.port;

  return (
    <form
      aria-label="New connection"
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
      {create.error ? <ErrorState error={create.error} title="The connection was not saved" omitFields={form.fieldNames} /> : null}
      <div className={styles.grid}>
        <TextField label="Name" required autoComplete="off" {...form.field('name')} />
        <SelectField label="Engine" required options={ENGINES} {...form.field('engine')} />
        {isServer(engine) ? (
          <>
            <TextField label="Host" required autoComplete="off" {...form.field('host')} />
            <TextField label="Port" inputMode="numeric" placeholder={defaultPort ? String(defaultPort) : undefined} hint="Empty for the default." {...form.field('port')} />
            <TextField label="Database" required autoComplete="off" {...form.field('database')} />
            <TextField label="User" required autoComplete="off" {...form.field('user')} />
            <TextField label="Password" type="password" autoComplete="new-password" hint="Stored encrypted; never shown again." {...form.field('password')} />
          </>
        ) : null}
        {engine === 'sqlite' ? <TextField label="Path on the server" required autoComplete="off" {...form.field('path')} /> : null}
        {engine === 'odbc' ? (
          <>
            <TextField label="DSN" required autoComplete="off" hint="The name of a data source in the server's odbc.ini (connection strings are not accepted)." {...form.field('dsn')} />
            <TextField label="User" autoComplete="off" {...form.field('user')} />
            <TextField label="Password" type="password" autoComplete="new-password" {...form.field('password')} />
          </>
        ) : null}
      </div>
      <TestResult result={test.data} error={test.error} />
      <div className="row">
        <Button type="submit" variant="primary" loading={create.isPending}>
          Save connection
        </Button>
        <Button type="submit" value="test" loading={test.isPending}>
          Test connection
        </Button>
      </div>
    </form>
  );
}
