import { describe, expect, it } from 'vitest';
import type { Job } from '@/api/types';
import { applyCodegenJobEvent } from '@/features/codegen/hooks/use-codegen-progress';
import type { CodegenStatus } from '@/features/codegen/types';

const status: CodegenStatus = {
  state: 'queued',
  job: { id: 'j1', state: 'queued', progress: 0, stage: '', message: '', created_at: '2026-11-25T10:00:00Z' },
  platforms: { bigquery: null },
};

function job(overrides: Partial<Job>): Job {
  return { id: 'j1', kind: 'codegen.run', state: 'running', progress: 55, stage: 'generating', message: 'generating beam', created_at: '2026-11-25T10:00:00Z', ...overrides } as Job;
}

describe('applyCodegenJobEvent', () => {
  it('moves the status along with the job', () => {
    expect(applyCodegenJobEvent(status, job({}))).toMatchObject({ state: 'running', job: { progress: 55, message: 'generating beam' }, platforms: { bigquery: null } });
    expect(applyCodegenJobEvent(status, job({ state: 'succeeded', progress: 100 }))).toMatchObject({ state: 'succeeded' });
  });

  it('ignores other kinds of jobs, older runs, and events before the status is known', () => {
    expect(applyCodegenJobEvent(status, job({ kind: 'mapping.run' }))).toBeNull();
    expect(applyCodegenJobEvent(status, job({ id: 'j0', created_at: '2026-11-25T09:00:00Z' }))).toBeNull();
    expect(applyCodegenJobEvent(undefined, job({}))).toBeNull();
  });
});
