import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CodegenProgress } from '@/features/codegen/components/codegen-progress';
import type { CodegenStatus } from '@/features/codegen/types';

const idle: CodegenStatus = { state: 'idle', job: null, platforms: { bigquery: null, databricks: null, beam: null, dbt: null, postgres: null } };

describe('CodegenProgress', { timeout: 30_000 }, () => {
  it('starts the four platforms by default and only the chosen ones', async () => {
    const onStart = vi.fn();
    render(<CodegenProgress status={idle} stream="open" onStart={onStart} starting={false} startError={null} canEdit />);
    for (const label of ['BigQuery', 'Databricks', 'Apache Beam', 'dbt']) expect(screen.getByLabelText(label)).toBeChecked();
    expect(screen.getByLabelText('PostgreSQL')).not.toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Generate code' }));
    expect(onStart).toHaveBeenLastCalledWith(['bigquery', 'databricks', 'beam', 'dbt'], { include_suggested: false, dbt_adapter: 'bigquery' });

    await userEvent.click(screen.getByLabelText('Apache Beam'));
    await userEvent.click(screen.getByLabelText('dbt'));
    await userEvent.click(screen.getByLabelText('PostgreSQL'));
    await userEvent.click(screen.getByLabelText(/best suggestion/));
    await userEvent.click(screen.getByRole('button', { name: 'Generate code' }));
    expect(onStart).toHaveBeenLastCalledWith(['bigquery', 'databricks', 'postgres'], { include_suggested: true });
  });

  it('shows the running job and keeps viewers and a second run out', () => {
    const running: CodegenStatus = {
      ...idle,
      state: 'running',
      job: { id: 'j1', state: 'running', progress: 40, stage: 'generating', message: 'generating beam', created_at: '2026-11-25T10:00:00Z' },
    };
    const { rerender } = render(<CodegenProgress status={running} stream="open" onStart={vi.fn()} starting={false} startError={null} canEdit />);
    expect(screen.getByRole('progressbar', { name: 'Code generation progress' })).toHaveAttribute('value', '40');
    expect(screen.getByText('generating: generating beam')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Generate code' })).toBeDisabled();
    rerender(<CodegenProgress status={idle} stream="open" onStart={vi.fn()} starting={false} startError={null} canEdit={false} />);
    expect(screen.getByRole('button', { name: 'Generate code' })).toBeDisabled();
    expect(screen.getByText('Viewers cannot generate code.')).toBeInTheDocument();
  });
});
