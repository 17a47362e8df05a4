import { describe, expect, it } from 'vitest';
import type { Job } from '@/api/types';
import { applyValidationJobEvent } from '@/features/validation/hooks/use-validation-progress';
import type { ValidationStatus } from '@/features/validation/types';

const job = (over: Partial<Job>): Job => ({ id: 'j2', kind: 'validation.run', state: 'running', progress: 40, stage: 'customers: keyed diff', created_at: '2026-01-02T00:00:00Z', ...over }) as Job;

describe('applyValidationJobEvent', () => {
  const prev: ValidationStatus = { state: 'queued', job: { id: 'j2', state: 'queued', progress: 0, stage: null, message: null, created_at: '2026-01-02T00:00:00Z' } as ValidationStatus['job'], latest_report: null };

  it('takes the progress of validation jobs', () => {
    expect(applyValidationJobEvent(prev, job({}))).toMatchObject({ state: 'running', job: { progress: 40, stage: 'customers: keyed diff' } });
  });

  it('ignores other jobs and older runs', () => {
    expect(applyValidationJobEvent(prev, job({ kind: 'codegen.run' }))).toBeNull();
    expect(applyValidationJobEvent(prev, job({ id: 'j1', created_at: '2026-01-01T00:00:00Z' }))).toBeNull();
    expect(applyValidationJobEvent(undefined, job({}))).toBeNull();
  });
});
