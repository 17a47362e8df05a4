import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionsList } from '@/features/connections/components/connections-list';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const base = '/api/v1/projects/p1/connections';
const shop = { id: 'c1', name: 'Shop', engine: 'postgresql', host: 'db', port: 5432, database: 'shop', user: 'reader', password_set: true };

describe('ConnectionsList', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('lists connections without passwords, tests one and deletes one after confirmation', async () => {
    const { calls } = mockFetch({
      [`GET ${base}`]: { body: { items: [shop], total: 1 } },
      [`POST ${base}/c1/test`]: { body: { ok: true, message: 'Connected to PostgreSQL 15.4', latency_ms: 12 } },
      [`DELETE ${base}/c1`]: { status: 204 },
    });
    renderWithProviders(<ConnectionsList projectId="p1" canEdit />);
    const item = await screen.findByRole('listitem', { name: 'Shop' }, { timeout: 5000 });
    expect(item).toHaveTextContent('reader@db:5432/shop');
    expect(item).toHaveTextContent('password stored');

    await userEvent.click(within(item).getByRole('button', { name: 'Test Shop' }));
    expect(await within(item).findByText('Connected to PostgreSQL 15.4')).toBeInTheDocument();
    expect(within(item).getByText('latency ms: 12')).toBeInTheDocument();

    await userEvent.click(within(item).getByRole('button', { name: 'Delete Shop' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the connection “Shop”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete connection' }));
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'DELETE' && c.path === `${base}/c1`)).toBe(true));
  }, 30_000);

  it('lists BigQuery and Databricks connections by their fields and says which secret is stored', async () => {
    const warehouse = { id: 'c2', name: 'Warehouse', engine: 'bigquery', host: '', database: 'acme', options: { dataset: 'sales', location: 'EU' }, password_set: true, dsn_set: false };
    const lake = {
      id: 'c3',
      name: 'Lakehouse',
      engine: 'databricks',
      host: 'adb-1.2.azuredatabricks.net',
      options: { warehouse_id: 'abc123', client_id: 'sp-1', catalog: 'main', schema: 'sales' },
      password_set: true,
      dsn_set: false,
    };
    mockFetch({ [`GET ${base}`]: { body: { items: [warehouse, lake], total: 2 } } });
    renderWithProviders(<ConnectionsList projectId="p1" canEdit />);
    const bq = await screen.findByRole('listitem', { name: 'Warehouse' }, { timeout: 5000 });
    expect(bq).toHaveTextContent('Google BigQuery');
    expect(bq).toHaveTextContent('acme.sales (EU)');
    expect(bq).toHaveTextContent('service-account key stored');
    const db = screen.getByRole('listitem', { name: 'Lakehouse' });
    expect(db).toHaveTextContent('adb-1.2.azuredatabricks.net · warehouse abc123 · main.sales');
    expect(db).toHaveTextContent('OAuth client sp-1, secret stored');

    await userEvent.click(within(db).getByRole('button', { name: 'Edit Lakehouse' }));
    const form = within(db).getByRole('form', { name: 'Edit connection Lakehouse' });
    expect(within(form).getByLabelText(/^OAuth client secret/)).toHaveValue('');
    expect(within(form).getByLabelText(/^SQL warehouse id/)).toHaveValue('abc123');
    await userEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(within(db).queryByRole('form')).toBeNull();
  }, 30_000);
});
