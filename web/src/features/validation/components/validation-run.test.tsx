import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { defaultPair, ValidationRun } from '@/features/validation/components/validation-run';
import type { ValidationStatus } from '@/features/validation/types';
import { renderWithProviders } from '@/testing/render';

const connections = [
  { id: 'c1', name: 'Legacy', engine: 'sqlite' },
  { id: 'c2', name: 'Warehouse', engine: 'postgresql' },
  { id: 'c3', name: 'Replica', engine: 'mariadb' },
];
const idle: ValidationStatus = { state: 'idle', job: null, latest_report: null };

describe('ValidationRun', () => {
  it('starts with the connections of the newest report, else the first two', () => {
    expect(defaultPair(connections, idle)).toEqual(['c1', 'c2']);
    const latest = { ...idle, latest_report: { id: 'r', status: 'failed', overall_accuracy: 90, created_at: '', source_connection_id: 'c3', target_connection_id: 'c2' } } as ValidationStatus;
    expect(defaultPair(connections, latest)).toEqual(['c3', 'c2']);
    expect(defaultPair([], idle)).toEqual(['', '']);
  });

  it('sends the chosen pair and options, and refuses the same connection twice', async () => {
    const onStart = vi.fn();
    renderWithProviders(<ValidationRun status={idle} stream="open" connections={connections} onStart={onStart} starting={false} startError={null} canEdit />);
    await userEvent.selectOptions(screen.getByLabelText(/^Target database/), 'c1');
    await userEvent.click(screen.getByRole('button', { name: 'Run validation' }));
    expect(screen.getByRole('alert')).toHaveTextContent('must be different connections');
    expect(onStart).not.toHaveBeenCalled();
    await userEvent.selectOptions(screen.getByLabelText(/^Target database/), 'c3');
    await userEvent.click(screen.getByLabelText(/Show real values in samples/));
    await userEvent.click(screen.getByRole('button', { name: 'Run validation' }));
    expect(onStart).toHaveBeenCalledWith('c1', 'c3', { allow_sample_values: true, anomalies: true });
  });

  it('shows the live progress and stage while a run is going', () => {
    const running: ValidationStatus = {
      state: 'running',
      job: { id: 'j', state: 'running', progress: 45, stage: 'customers: keyed diff', message: null, created_at: '' } as ValidationStatus['job'],
      latest_report: null,
    };
    renderWithProviders(<ValidationRun status={running} stream="open" connections={connections} onStart={vi.fn()} starting={false} startError={null} canEdit />);
    expect(screen.getByRole('progressbar', { name: 'Validation progress' })).toHaveAttribute('value', '45');
    expect(screen.getByText('customers: keyed diff')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('button', { name: 'Run validation' })).toBeDisabled();
  });
});
