import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Table, TableHead } from '@/components/ui/table';

describe('TableHead', () => {
  it('names each column, hides an actions column from sight only, and leaves out falsy ones', () => {
    const canEdit = false;
    render(
      <Table caption="Things">
        <TableHead columns={['Name', canEdit && 'Actions', { hidden: 'Open' }, 'Size']} />
      </Table>,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Name', 'Open', 'Size']);
    expect(headers.every((h) => h.getAttribute('scope') === 'col')).toBe(true);
    expect(screen.getByText('Open')).toHaveClass('visually-hidden');
  });
});
