import type { Project, ProjectTemplate, SchemaFile } from '@/api/types';

export function sampleProject(overrides: Partial<Project> = {}): Project {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    name: 'Warehouse move',
    description: 'Oracle to Postgres',
    source_dialect: 'oracle',
    target_dialect: 'postgres',
    status: 'draft',
    current_phase: 'discovery',
    completed_phases: ['upload'],
    phases: [
      { name: 'upload', state: 'completed', blocked_by: null },
      { name: 'discovery', state: 'current', blocked_by: null },
      { name: 'mapping', state: 'blocked', blocked_by: 'discovery' },
      { name: 'codegen', state: 'blocked', blocked_by: 'mapping' },
      { name: 'validation', state: 'blocked', blocked_by: 'codegen' },
    ],
    schemas_uploaded: true,
    mappings_complete: false,
    validation_complete: false,
    template_id: null,
    owner_id: '11111111-1111-4111-8111-111111111111',
    role: 'owner',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-02T00:00:00Z',
    ...overrides,
  };
}

export const sampleTemplate: ProjectTemplate = {
  id: '33333333-3333-4333-8333-333333333333',
  name: 'Oracle to BigQuery warehouse',
  description: 'Move an Oracle warehouse to BigQuery.',
  source_dialect: 'oracle',
  target_dialect: 'bigquery',
  estimated_duration: '6–10 weeks',
  complexity: 'high',
  tags: ['warehouse', 'analytics'],
  created_at: '2026-01-01T00:00:00Z',
};

export function sampleFile(overrides: Partial<SchemaFile> = {}): SchemaFile {
  return {
    id: '55555555-5555-4555-8555-555555555555',
    project_id: '22222222-2222-4222-8222-222222222222',
    filename: 'orders.sql',
    file_size: 1234,
    file_type: 'sql',
    dialect: 'oracle',
    status: 'parsed',
    sha256: null,
    preview_data: null,
    error: null,
    created_at: '2026-01-01T00:00:00Z',
    processed_at: null,
    ...overrides,
  };
}
