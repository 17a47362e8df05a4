import { describe, expect, it } from 'vitest';
import { projectSteps } from '@/features/projects/components/phase-stepper';
import { sampleProject } from '@/testing/sample-data';

describe('projectSteps', () => {
  it('follows the API phases in the fixed order and names what blocks each', () => {
    const steps = projectSteps(sampleProject());
    expect(steps.map((s) => [s.key, s.state])).toEqual([
      ['upload', 'completed'],
      ['discovery', 'current'],
      ['mapping', 'blocked'],
      ['codegen', 'blocked'],
      ['validation', 'blocked'],
    ]);
    expect(steps[2]?.note).toBe('Waiting for Discovery');
    expect(steps[0]?.href).toBe('/projects/22222222-2222-4222-8222-222222222222/upload');
  });
});
