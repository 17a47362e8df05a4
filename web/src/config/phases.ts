// The five phases of a migration, in order, as the stepper and the phase pages show them.
import type { PhaseName, PhaseState, ProjectStatus } from '@/api/types';

export type PhaseInfo = { name: PhaseName; label: string; summary: string; plans: string[] };

export const PHASES: readonly PhaseInfo[] = [
  {
    name: 'upload',
    label: 'Upload',
    summary: 'Bring in the source schema: DDL scripts, JSON/Avro schemas, CSV samples, archives, or a live database.',
    plans: ['Upload files with a dialect per file', 'See parse diagnostics per statement', 'Connect a live database'],
  },
  {
    name: 'discovery',
    label: 'Discovery',
    summary: 'Inventory tables, columns, keys and routines, and what they depend on.',
    plans: ['Lineage graph of tables and relationships', 'Keys, inferred relationships and findings per table', 'Complexity and risk estimates'],
  },
  {
    name: 'mapping',
    label: 'Mapping',
    summary: 'Map each source object and type to the target dialect.',
    plans: ['Type mappings with loss warnings', 'Column and table renames', 'Review of approximate translations'],
  },
  {
    name: 'codegen',
    label: 'Code generation',
    summary: 'Generate the target DDL and data-movement scripts.',
    plans: ['Target DDL per object', 'Diff against the source', 'Download as a bundle'],
  },
  {
    name: 'validation',
    label: 'Validation',
    summary: 'Check that the migrated data matches: counts, checksums, samples.',
    plans: ['Row counts and checksums per segment', 'Sampled value comparison', 'Sign-off report'],
  },
];

export function phaseInfo(name: string): PhaseInfo | undefined {
  return PHASES.find((p) => p.name === name);
}

export function phaseLabel(name: string): string {
  return phaseInfo(name)?.label ?? name;
}

export const PHASE_STATE_LABEL: Record<PhaseState, string> = {
  completed: 'Done',
  current: 'Next',
  available: 'Available',
  blocked: 'Blocked',
};

export const PROJECT_STATUSES: ReadonlyArray<{ value: ProjectStatus; label: string }> = [
  { value: 'draft', label: 'Draft' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'completed', label: 'Completed' },
  { value: 'archived', label: 'Archived' },
];

export function statusLabel(status: string): string {
  return PROJECT_STATUSES.find((s) => s.value === status)?.label ?? status;
}
