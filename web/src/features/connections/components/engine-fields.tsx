// The fields each engine asks for: a database server's address and login, a SQLite file,
// an ODBC data source, BigQuery's project and service-account key, Databricks' workspace,
// warehouse and sign-in. Secrets are write-only: when one is stored the field says so and
// may be left empty to keep it.
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { DATABRICKS_AUTH, ENGINES, readServiceAccountKey, type ConnectionFormValues, type StoredSecrets } from '@/features/connections/lib/connection-values';
import type { useFormState } from '@/hooks/use-form-state';

type Form = ReturnType<typeof useFormState<ConnectionFormValues>>;
type Props = { form: Form; stored: StoredSecrets | undefined };

const STORED = 'Stored, leave empty to keep it.';

function secretHint(stored: boolean, otherwise: string): string {
  return stored ? `${STORED} Never shown again.` : otherwise;
}

function ServerFields({ form, stored }: Props) {
  const defaultPort = ENGINES.find((e) => e.value === form.values.engine)?.port;
  return (
    <>
      <TextField label="Host" required autoComplete="off" {...form.field('host')} />
      <TextField label="Port" inputMode="numeric" placeholder={defaultPort ? String(defaultPort) : undefined} hint="Empty for the default." {...form.field('port')} />
      <TextField label="Database" required autoComplete="off" {...form.field('database')} />
      <TextField label="User" required autoComplete="off" {...form.field('user')} />
      <TextField label="Password" type="password" autoComplete="new-password" hint={secretHint(stored?.password ?? false, 'Stored encrypted; never shown again.')} {...form.field('password')} />
    </>
  );
}

function OdbcFields({ form, stored }: Props) {
  return (
    <>
      <TextField
        label="DSN"
        required={!stored?.dsn}
        autoComplete="off"
        hint={secretHint(stored?.dsn ?? false, "The name of a data source in the server's odbc.ini (connection strings are not accepted).")}
        {...form.field('dsn')}
      />
      <TextField label="User" autoComplete="off" {...form.field('user')} />
      <TextField label="Password" type="password" autoComplete="new-password" hint={stored?.password ? STORED : undefined} {...form.field('password')} />
    </>
  );
}

function BigQueryFields({ form, stored }: Props) {
  // The project id defaults to the key's: filled in when the key is read and the field is empty.
  const takeProjectFrom = (text: string) => {
    const read = readServiceAccountKey(text);
    if ('key' in read && typeof read.key.project_id === 'string' && !form.values.project.trim()) form.setValue('project', read.key.project_id);
  };
  return (
    <>
      <TextField label="Project id" autoComplete="off" spellCheck={false} hint="The Google Cloud project that runs the queries. Empty: the key’s project." {...form.field('project')} />
      <TextField label="Dataset" autoComplete="off" spellCheck={false} hint="Optional: the default dataset." {...form.field('dataset')} />
      <TextField label="Location" autoComplete="off" spellCheck={false} placeholder="US" hint="Optional: US, EU, europe-west3 …" {...form.field('location')} />
      <TextAreaField
        label="Service-account key (JSON)"
        required={!stored?.password}
        rows={6}
        spellCheck={false}
        autoComplete="off"
        hint={secretHint(
          stored?.password ?? false,
          'Paste the key file’s JSON, or choose the file below. Stored encrypted; never shown again. Grant the account BigQuery Data Viewer and Job User only.',
        )}
        {...form.field('key_json')}
        onBlur={(event) => takeProjectFrom(event.target.value)}
      />
      <TextField
        label="Key file"
        type="file"
        accept=".json,application/json"
        hint="Reads the file here; only its contents are sent."
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          void file.text().then((text) => {
            form.setValue('key_json', text);
            takeProjectFrom(text);
          });
        }}
      />
    </>
  );
}

function DatabricksFields({ form, stored }: Props) {
  const oauth = form.values.auth === 'oauth';
  const keeps = stored?.password === true && stored.auth === (oauth ? 'oauth' : 'pat');
  return (
    <>
      <TextField label="Workspace host" required autoComplete="off" spellCheck={false} placeholder="adb-1234567890123456.7.azuredatabricks.net" {...form.field('host')} />
      <TextField
        label="SQL warehouse id or HTTP path"
        required
        autoComplete="off"
        spellCheck={false}
        hint="From the warehouse’s connection details: its id, or /sql/1.0/warehouses/<id>."
        {...form.field('warehouse')}
      />
      <TextField label="Catalog" autoComplete="off" spellCheck={false} hint="Optional (Unity Catalog); empty for the default." {...form.field('catalog')} />
      <TextField label="Schema" autoComplete="off" spellCheck={false} hint="Optional." {...form.field('schema')} />
      <SelectField label="Sign in with" required options={DATABRICKS_AUTH} {...form.field('auth')} />
      {oauth ? <TextField label="OAuth client id" required autoComplete="off" spellCheck={false} hint="The service principal’s application id." {...form.field('client_id')} /> : null}
      <TextField
        label={oauth ? 'OAuth client secret' : 'Personal access token'}
        type="password"
        required={!keeps}
        autoComplete="new-password"
        hint={secretHint(keeps, 'Stored encrypted; never shown again.')}
        {...form.field('token')}
      />
    </>
  );
}

/** The engine's own fields (the name and engine come before them). */
export function EngineFields(props: Props) {
  switch (props.form.values.engine) {
    case 'postgresql':
    case 'mariadb':
      return <ServerFields {...props} />;
    case 'sqlite':
      return <TextField label="Path on the server" required autoComplete="off" {...props.form.field('path')} />;
    case 'odbc':
      return <OdbcFields {...props} />;
    case 'bigquery':
      return <BigQueryFields {...props} />;
    case 'databricks':
      return <DatabricksFields {...props} />;
    default:
      return null;
  }
}
