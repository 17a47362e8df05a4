import { describe, expect, it } from 'vitest';
import type { Job } from '@/api/types';
import { applyJobEvent, isDiscoveryJob } from '@/features/discovery/hooks/use-discovery-progress';

const job = (extra: Partial<Job> = {}): Job => ({
  id: 'j2',
  kind: 'discovery.run',
  state: 'running',
  progress: 40,
  attempts: 1,
  max_attempts: 3,
  cancel_requested: false,
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:01Z',
  ...extra,
});

const latest = {
  id: 's1',
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  table_count: 3,
  column_count: 9,
  relationship_count: 2,
  complexity_score: 2,
  diagnostic_count: 0,
};

describe('applyJobEvent', () => {
  it('takes the job state and progress and keeps the latest snapshot', () => {
    const next = applyJobEvent({ state: 'queued', job: job({ state: 'queued', progress: 0 }), latest }, job());
    expect(next).toEqual({ state: 'running', job: job(), latest });
  });

  it('ignores other job kinds and events of an older job', () => {
    expect(applyJobEvent(undefined, job({ kind: 'files.parse' }))).toBeNull();
    const older = job({ id: 'j1', created_at: '2026-01-01T00:00:00Z', state: 'succeeded' });
    expect(applyJobEvent({ state: 'running', job: job(), latest }, older)).toBeNull();
    expect(isDiscoveryJob({ kind: 'discovery' })).toBe(true);
  });
});
