import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionForm, toConnectionInput, validateConnection, emptyConnection } from '@/features/connections/components/connection-form';
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
});
