import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CheckList } from '@/features/validation/components/check-list';
import type { Check } from '@/features/validation/types';
import { renderWithProviders } from '@/testing/render';

const keyed: Check = {
  id: 'keyed_diff:customers',
  kind: 'keyed_diff',
  status: 'failed',
  severity: 'high',
  source_table: 'customers',
  target_table: 'customers',
  target_column: '',
  mapping_ids: ['tm-1', 'fm-2'],
  message: '4 rows of customers differ from customers: 1 missing in the target, 1 extra in the target, 2 changed',
  records_failed: 4,
  samples: [
    { kind: 'missing', key: { id: '12' } },
    { kind: 'extra', key: { id: '201' } },
    { kind: 'changed', key: { id: '7' }, columns: [{ column: 'name', source: 'Customer 7', target: 'Customer seven', difference: 'value differs', reason: 'changed' }] },
  ],
  links: {
    mappings: [
      { mapping_id: 'tm-1', id: 'a', href: '/api/v1/projects/p1/mapping/table-mappings' },
      { mapping_id: 'fm-2', id: 'b', href: '/api/v1/projects/p1/mapping/suggestions/b' },
    ],
    code: [{ code_id: 'c1', generation_id: 'g1', platform: 'bigquery', path: 'load/customers.sql', first_line: 3, last_line: 9, href: '/api/...' }],
  },
};

const rule: Check = {
  ...keyed,
  id: 'rule:customers:r1',
  kind: 'rule',
  severity: 'critical',
  message: '2 rows break the rule',
  samples: [{ id: '3', balance: '-1' }],
  links: {},
};

describe('CheckList', () => {
  it('shows each differing row, most severe check first, with links to the mapping and code pages', () => {
    renderWithProviders(<CheckList checks={[keyed, rule]} mappingHref="/projects/p1/mapping" codeHref="/projects/p1/codegen" />);
    const items = within(screen.getByRole('list', { name: 'Failing checks' })).getAllByRole('listitem');
    expect(items.map((i) => within(i).getByRole('heading').textContent)).toEqual(['Rule · customers', 'Row differences · customers']);

    const rows = within(screen.getByRole('table', { name: 'Differing rows of customers' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'missingid = 12in the source, missing in the target',
      'extraid = 201only in the target',
      'changedid = 7nameCustomer 7Customer sevenvalue differs: changed',
    ]);
    expect(screen.getByRole('link', { name: 'Open the mappings (tm-1, fm-2)' })).toHaveAttribute('href', '/projects/p1/mapping');
    expect(screen.getByRole('link', { name: 'bigquery: load/customers.sql lines 3–9' })).toHaveAttribute('href', '/projects/p1/codegen');
    expect(within(items[0]!).getByRole('table')).toHaveTextContent('-1');
  });

  it('says so when every check passed', () => {
    renderWithProviders(<CheckList checks={[]} mappingHref="/m" codeHref="/c" />);
    expect(screen.getByText('Every check passed')).toBeInTheDocument();
  });
});
