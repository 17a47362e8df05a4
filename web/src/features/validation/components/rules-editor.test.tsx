import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RulesEditor } from '@/features/validation/components/rules-editor';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const base = '/api/v1/projects/p1/validation/rules';

describe('RulesEditor', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it("shows a SQL rule's parser diagnostic at the SQL field, then saves the fix", async () => {
    const stored = { id: 'r1', name: 'No negative balances', kind: 'sql', table: 'customers', sql: 'SELECT id FROM customers WHERE balance < 0', severity: 'medium', enabled: true };
    let saved = false;
    const { calls } = mockFetch({
      [`GET ${base}`]: () => ({ body: { items: saved ? [stored] : [], kinds: [] } }),
      [`POST ${base}`]: (call) => {
        const body = call.body as { sql: string };
        if (body.sql.startsWith('SELEC ')) {
          return problem(422, 'The rule is not valid.', [{ field: 'sql', message: "the rule's SQL does not parse (line 1, column 1); expected one of: SELECT WITH" }]);
        }
        saved = true;
        return { status: 201, body: stored };
      },
    });
    renderWithProviders(<RulesEditor projectId="p1" canEdit />);
    await userEvent.click(await screen.findByRole('button', { name: 'New rule' }));
    const form = screen.getByRole('form', { name: 'New rule' });
    await userEvent.type(within(form).getByLabelText(/^Name/), 'No negative balances');
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'sql');
    await userEvent.type(within(form).getByLabelText(/^Table/), 'customers');
    const sql = within(form).getByLabelText('SQL returning the violating rows');
    await userEvent.type(sql, 'SELEC id FROM customers WHERE balance < 0');
    await userEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await within(form).findByText(/does not parse \(line 1, column 1\)/)).toBeInTheDocument();
    expect(sql).toHaveAttribute('aria-invalid', 'true');
    // Shown at the field, not repeated in the alert.
    expect(within(form).getByRole('alert')).not.toHaveTextContent('line 1');

    await userEvent.clear(sql);
    await userEvent.type(sql, 'SELECT id FROM customers WHERE balance < 0');
    await userEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    await vi.waitFor(() => expect(screen.queryByRole('form', { name: 'New rule' })).not.toBeInTheDocument());
    expect(await screen.findByRole('row', { name: /No negative balances/ })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST').map((c) => (c.body as { column?: string }).column)).toEqual([undefined, undefined]);
  }, 30_000);

  it('checks the form before sending anything', async () => {
    const { calls } = mockFetch({ [`GET ${base}`]: { body: { items: [], kinds: [] } } });
    renderWithProviders(<RulesEditor projectId="p1" canEdit />);
    await userEvent.click(await screen.findByRole('button', { name: 'New rule' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(screen.getByText('Give the rule a name.')).toBeInTheDocument();
    expect(screen.getByText('Name the column the rule checks.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('lets viewers read rules without editing them', async () => {
    mockFetch({ [`GET ${base}`]: { body: { items: [{ id: 'r1', name: 'Cities', kind: 'accepted_values', table: 'customers', column: 'city', params: { values: ['Lyon'] } }], kinds: [] } } });
    renderWithProviders(<RulesEditor projectId="p1" canEdit={false} />);
    expect(await screen.findByRole('row', { name: /Cities/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New rule' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
  });
});
