import { describe, expect, it } from 'vitest';
import type { Job } from '@/api/types';
import { applyMappingJobEvent } from '@/features/mapping/hooks/use-mapping-progress';
import type { MappingStatus } from '@/features/mapping/types';

const status: MappingStatus = {
  state: 'queued',
  job: { id: 'j1', state: 'queued', progress: 0, stage: '', message: '', created_at: '2026-11-25T10:00:00Z' },
  counts: {},
  table_mappings: { count: 0, average_completion: 0, required_fields_covered: 0, total_required_fields: 0 },
  files: { source: 1, target: 1 },
  target_proposed: false,
  target_dialect: 'bigquery',
};

function job(overrides: Partial<Job>): Job {
  return { id: 'j1', kind: 'mapping.run', state: 'running', progress: 40, stage: 'columns', message: '', created_at: '2026-11-25T10:00:00Z', ...overrides } as Job;
}

describe('applyMappingJobEvent', () => {
  it('moves the status along with the job', () => {
    expect(applyMappingJobEvent(status, job({}))).toMatchObject({ state: 'running', job: { progress: 40 } });
  });

  it('ignores other kinds of jobs and older runs', () => {
    expect(applyMappingJobEvent(status, job({ kind: 'files.parse' }))).toBeNull();
    expect(applyMappingJobEvent(status, job({ id: 'j0', created_at: '2026-11-25T09:00:00Z' }))).toBeNull();
  });
});
