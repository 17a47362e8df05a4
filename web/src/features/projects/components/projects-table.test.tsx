import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { nextSort, ProjectsTable } from '@/features/projects/components/projects-table';
import { renderWithProviders } from '@/testing/render';
import { sampleProject } from '@/testing/sample-data';

describe('nextSort', () => {
  it('starts names ascending and dates newest first, then flips', () => {
    expect(nextSort('-updated_at', 'name')).toBe('name');
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(nextSort('name', 'created_at')).toBe('-created_at');
  });
});

describe('ProjectsTable', () => {
  it('links each project and exposes the sort order', async () => {
    const onSort = vi.fn();
    renderWithProviders(<ProjectsTable projects={[sampleProject()]} sort="-updated_at" onSort={onSort} />);
    const table = screen.getByRole('table', { name: 'Projects' });
    expect(within(table).getByRole('link', { name: 'Warehouse move' })).toHaveAttribute(
      'href',
      '/projects/22222222-2222-4222-8222-222222222222',
    );
    expect(within(table).getByRole('columnheader', { name: /Updated/ })).toHaveAttribute('aria-sort', 'descending');
    expect(within(table).getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'none');
    expect(table).toHaveTextContent('Oracle');
    expect(table).toHaveTextContent('Discovery');
    await userEvent.click(within(table).getByRole('button', { name: /Name/ }));
    expect(onSort).toHaveBeenCalledWith('name');
  });
});
