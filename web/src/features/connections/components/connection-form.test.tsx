import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm } from '@/features/connections/components/connection-form';
import { emptyConnection, toConnectionInput, validateConnection } from '@/features/connections/lib/connection-values';
import type { Connection } from '@/features/connections/types';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const base = '/api/v1/projects/p1/connections';

describe('validateConnection', () => {
  it('asks for what the engine needs', () => {
    expect(Object.keys(validateConnection(emptyConnection)).sort()).toEqual(['database', 'host', 'name', 'user']);
    expect(Object.keys(validateConnection({ ...emptyConnection, name: 'x', engine: 'sqlite' }))).toEqual(['path']);
    expect(Object.keys(validateConnection({ ...emptyConnection, name: 'x', engine: 'odbc' }))).toEqual(['dsn']);
    const pg = { ...emptyConnection, name: 'x', host: 'db', database: 'shop', user: 'u' };
    expect(validateConnection({ ...pg, port: '70000' }).port).toMatch(/between 1 and 65535/);
    expect(validateConnection({ ...pg, port: '5433' })).toEqual({});
  });

  it('sends only the fields of the engine, the port as a number', () => {
    expect(toConnectionInput({ ...emptyConnection, name: ' Shop ', host: 'db', port: '5433', database: 'shop', user: 'u', password: 'pw', path: '/x' })).toEqual({
      name: 'Shop',
      engine: 'postgresql',
      host: 'db',
      port: 5433,
      database: 'shop',
      user: 'u',
      password: 'pw',
    });
    expect(toConnectionInput({ ...emptyConnection, name: 'f', engine: 'sqlite', path: '/data/a.db', host: 'ignored' })).toEqual({
      name: 'f',
      engine: 'sqlite',
      path: '/data/a.db',
    });
  });
});

describe('ConnectionForm', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('validates before sending anything', async () => {
    const { calls } = mockFetch({});
    renderWithProviders(<ConnectionForm projectId="p1" />);
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(screen.getByText('Give the connection a name.')).toBeInTheDocument();
    expect(screen.getByText('Enter the host name or address of the database server.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Name/)).toHaveFocus();
    expect(calls).toHaveLength(0);
  });

  it("tests the form's values and shows the server's answer, then saves", async () => {
    const { calls } = mockFetch({
      [`POST ${base}/test`]: { body: { ok: false, message: 'password authentication failed for user "u"' } },
      [`POST ${base}`]: { status: 201, body: { id: 'c1', name: 'Shop', engine: 'postgresql', password_set: true } },
      [`GET ${base}`]: { body: { items: [], total: 0 } },
    });
    renderWithProviders(<ConnectionForm projectId="p1" />);
    const form = screen.getByRole('form', { name: 'New connection' });
    await userEvent.type(within(form).getByLabelText(/^Name/), 'Shop');
    await userEvent.type(within(form).getByLabelText(/^Host/), 'db.internal');
    await userEvent.type(within(form).getByLabelText(/^Database/), 'shop');
    await userEvent.type(within(form).getByLabelText(/^User/), 'u');
    await userEvent.type(within(form).getByLabelText(/^Password/), 'secret');
    await userEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(await within(form).findByText('password authentication failed for user "u"')).toBeInTheDocument();
    expect(within(form).getByText('Connection failed')).toBeInTheDocument();
    expect(calls.find((c) => c.path === `${base}/test`)?.body).toEqual({
      name: 'Shop',
      engine: 'postgresql',
      host: 'db.internal',
      database: 'shop',
      user: 'u',
      password: 'secret',
    });
    expect(calls.some((c) => c.method === 'POST' && c.path === base)).toBe(false);

    await userEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === base)).toBe(true));
    // Saved: the form starts over.
    await vi.waitFor(() => expect(within(form).getByLabelText(/^Name/)).toHaveValue(''));
  }, 30_000);

  it("puts the server's field messages next to the fields", async () => {
    mockFetch({ [`POST ${base}`]: problem(422, 'the connection is not valid', [{ field: 'host', message: 'is not a valid host name' }]) });
    renderWithProviders(<ConnectionForm projectId="p1" />);
    const form = screen.getByRole('form', { name: 'New connection' });
    await userEvent.type(within(form).getByLabelText(/^Name/), 'Shop');
    await userEvent.type(within(form).getByLabelText(/^Host/), 'bad host');
    await userEvent.type(within(form).getByLabelText(/^Database/), 'shop');
    await userEvent.type(within(form).getByLabelText(/^User/), 'u');
    await userEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(await within(form).findByText('Host is not a valid host name')).toBeInTheDocument();
    expect(within(form).getByRole('alert')).toHaveTextContent('the connection is not valid');
  }, 30_000);

  it('checks a BigQuery key as JSON before sending, then shows the server refusing it at the key', async () => {
    const { calls } = mockFetch({
      [`POST ${base}`]: problem(422, 'the connection settings are not valid', [
        { field: 'password', message: "the key's token_uri must be https://oauth2.googleapis.com/token" },
      ]),
    });
    renderWithProviders(<ConnectionForm projectId="p1" />);
    const form = screen.getByRole('form', { name: 'New connection' });
    await userEvent.type(within(form).getByLabelText(/^Name/), 'Warehouse');
    await userEvent.selectOptions(within(form).getByLabelText(/^Engine/), 'bigquery');
    expect(within(form).queryByLabelText(/^Host/)).toBeNull();
    const key = within(form).getByLabelText(/^Service-account key/);
    await userEvent.click(key);
    await userEvent.paste('{"client_email": "x@y"');
    await userEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(within(form).getByText(/^The key is not valid JSON/)).toBeInTheDocument();
    expect(key).toHaveAttribute('aria-invalid', 'true');
    expect(calls).toHaveLength(0);

    await userEvent.clear(key);
    await userEvent.paste(JSON.stringify({ project_id: 'acme', client_email: 'x@acme.iam.gserviceaccount.com', private_key: 'k' }));
    await userEvent.tab(); // the key's project fills the empty project id
    expect(within(form).getByLabelText(/^Project id/)).toHaveValue('acme');
    await userEvent.click(within(form).getByRole('button', { name: 'Save connection' }));
    expect(await within(form).findByText("The key's token_uri must be https://oauth2.googleapis.com/token")).toBeInTheDocument();
    expect(calls[0]?.body).toMatchObject({ engine: 'bigquery', database: 'acme', options: {} });
  }, 30_000);

  it("shows a failed Databricks test in the server's words, at the host", async () => {
    mockFetch({
      [`POST ${base}/test`]: problem(422, 'the connection test failed (connect): cannot reach adb-1.2.azuredatabricks.net:443', [
        { field: 'host', message: 'nothing answers at this host and port' },
      ]),
    });
    renderWithProviders(<ConnectionForm projectId="p1" />);
    const form = screen.getByRole('form', { name: 'New connection' });
    await userEvent.type(within(form).getByLabelText(/^Name/), 'Lakehouse');
    await userEvent.selectOptions(within(form).getByLabelText(/^Engine/), 'databricks');
    await userEvent.type(within(form).getByLabelText(/^Workspace host/), 'adb-1.2.azuredatabricks.net');
    await userEvent.type(within(form).getByLabelText(/^SQL warehouse id/), 'abc123');
    await userEvent.selectOptions(within(form).getByLabelText(/^Sign in with/), 'oauth');
    await userEvent.type(within(form).getByLabelText(/^OAuth client id/), 'sp-1');
    await userEvent.type(within(form).getByLabelText(/^OAuth client secret/), 'shh');
    await userEvent.click(within(form).getByRole('button', { name: 'Test connection' }));
    expect(await within(form).findByText('the connection test failed (connect): cannot reach adb-1.2.azuredatabricks.net:443')).toBeInTheDocument();
    expect(within(form).getByText('Nothing answers at this host and port')).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Workspace host/)).toHaveAttribute('aria-invalid', 'true');
  }, 30_000);

  it('edits a connection without ever holding its secret, and keeps it when left empty', async () => {
    const saved: Connection = {
      id: 'c9',
      name: 'Warehouse',
      engine: 'bigquery',
      database: 'acme',
      options: { dataset: 'sales' },
      password_set: true,
      dsn_set: false,
    };
    const { calls } = mockFetch({ [`PATCH ${base}/c9`]: { body: { ...saved, options: { dataset: 'sales', location: 'EU' } } }, [`GET ${base}`]: { body: { items: [], total: 0 } } });
    const onDone = vi.fn();
    renderWithProviders(<ConnectionForm projectId="p1" connection={saved} onDone={onDone} />);
    const form = screen.getByRole('form', { name: 'Edit connection Warehouse' });
    const key = within(form).getByLabelText(/^Service-account key/);
    expect(key).toHaveValue('');
    expect(key).toHaveAccessibleDescription(/Stored, leave empty to keep it/);
    expect(within(form).getByLabelText(/^Engine/)).toBeDisabled();
    await userEvent.type(within(form).getByLabelText(/^Location/), 'EU');
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'Warehouse', engine: 'bigquery', database: 'acme', options: { dataset: 'sales', location: 'EU' } });
  }, 30_000);
});
