import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Job } from '@/api/types';
import { DiscoveryProgress } from '@/features/discovery/components/discovery-progress';
import type { DiscoveryStatus } from '@/features/discovery/types';
import { ApiError } from '@/lib/api-error';

const job: Job = {
  id: 'j1',
  kind: 'discovery.run',
  state: 'running',
  progress: 45,
  stage: 'parse',
  message: 'file 2 of 3: sakila.sql',
  attempts: 1,
  max_attempts: 3,
  cancel_requested: false,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

const latest = {
  id: 's1',
  version: 3,
  created_at: '2026-01-01T00:00:00Z',
  table_count: 40,
  column_count: 300,
  relationship_count: 55,
  complexity_score: 6.25,
  diagnostic_count: 4,
};

function show(status: DiscoveryStatus, extra: Partial<Parameters<typeof DiscoveryProgress>[0]> = {}) {
  const onStart = vi.fn();
  render(<DiscoveryProgress status={status} stream="open" onStart={onStart} starting={false} startError={null} canEdit {...extra} />);
  return onStart;
}

describe('DiscoveryProgress', () => {
  it('starts discovery when nothing ran yet', async () => {
    const onStart = show({ state: 'idle', job: null, latest: null });
    expect(screen.getByText('Not run yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start discovery' }));
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('shows the running job with its stage, message and percent, and cannot start twice', () => {
    show({ state: 'running', job, latest });
    expect(screen.getByRole('progressbar', { name: 'Discovery progress' })).toHaveAttribute('value', '45');
    expect(screen.getByText('parse: file 2 of 3: sakila.sql')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run discovery again' })).toBeDisabled();
  });

  it('shows why a run failed, the latest snapshot, and a start refusal in the server words', () => {
    show(
      { state: 'failed', job: { ...job, state: 'failed', error: 'no parsed files to discover' }, latest },
      { startError: new ApiError(409, 'Conflict', 'a discovery job is already running for this project') },
    );
    expect(screen.getByText('Why it failed: no parsed files to discover')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('a discovery job is already running for this project');
    const stats = screen.getByLabelText('Latest snapshot');
    expect(stats).toHaveTextContent('v3');
    expect(stats).toHaveTextContent('6.3 / 10');
  });

  it('lets viewers watch but not start', () => {
    show({ state: 'idle', job: null, latest: null }, { canEdit: false });
    expect(screen.getByRole('button', { name: 'Start discovery' })).toBeDisabled();
    expect(screen.getByText('Viewers cannot start discovery.')).toBeInTheDocument();
  });
});
