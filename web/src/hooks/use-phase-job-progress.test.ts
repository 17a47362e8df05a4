import { describe, expect, it } from 'vitest';
import { isFinalJobState, isOlderJob, jobFromMessage } from '@/hooks/use-phase-job-progress';

describe('phase job progress helpers', () => {
  it('reads a job from a job event and ignores everything else', () => {
    const job = { id: 'j1', kind: 'mapping.suggest', state: 'running', created_at: '2026-11-25T10:00:00Z' };
    expect(jobFromMessage({ event: 'job', data: JSON.stringify(job), id: undefined })).toMatchObject({ id: 'j1' });
    expect(jobFromMessage({ event: 'heartbeat', data: '{}', id: undefined })).toBeNull();
    expect(jobFromMessage({ event: 'job', data: '{not json', id: undefined })).toBeNull();
    expect(jobFromMessage({ event: 'job', data: '{"id":"x"}', id: undefined })).toBeNull();
  });

  it('knows late events of an earlier run and final states', () => {
    const shown = { id: 'new', created_at: '2026-11-25T10:00:00Z' };
    expect(isOlderJob(shown, { id: 'old', created_at: '2026-11-25T09:00:00Z' })).toBe(true);
    expect(isOlderJob(shown, { id: 'new', created_at: '2026-11-25T10:00:00Z' })).toBe(false);
    expect(isOlderJob(shown, { id: 'newer', created_at: '2026-11-25T11:00:00Z' })).toBe(false);
    expect(isOlderJob(null, { id: 'any', created_at: '2026-11-25T09:00:00Z' })).toBe(false);
    expect(['succeeded', 'failed', 'cancelled'].every(isFinalJobState)).toBe(true);
    expect(isFinalJobState('running')).toBe(false);
  });
});
