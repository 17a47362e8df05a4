// The mappings a generated line can be traced to, by their stable keys ("tm-…", "fm-…"):
// the table mappings and the decided field mappings of the project (read-only).
import { useQuery } from '@tanstack/react-query';
import type { MappingSummary } from '@/features/codegen/types';
import { apiRequest } from '@/lib/api-client';

type FieldRow = {
  key: string;
  sources?: Array<{ table: string; column: string }>;
  source_table: string;
  source_column: string;
  target_table: string;
  target_column: string;
  transformation: string;
  formula: string;
  status: string;
};
type TableRow = { key: string; source_tables?: string[]; source_table: string; target_table: string; status: string };

const PAGE = 500;
const MAX_PAGES = 20;

export function fieldSummary(row: FieldRow): MappingSummary {
  const sources = row.sources && row.sources.length > 0 ? row.sources.map((s) => `${s.table}.${s.column}`) : [`${row.source_table}.${row.source_column}`];
  return {
    key: row.key,
    kind: 'field',
    source: sources.join(', '),
    target: `${row.target_table}.${row.target_column}`,
    transformation: row.transformation,
    formula: row.formula,
    status: row.status,
  };
}

export function tableSummary(row: TableRow): MappingSummary {
  const sources = row.source_tables && row.source_tables.length > 0 ? row.source_tables.join(' + ') : row.source_table;
  return { key: row.key, kind: 'table', source: sources, target: row.target_table, status: row.status };
}

async function loadMappings(projectId: string, signal: AbortSignal): Promise<Map<string, MappingSummary>> {
  const base = `/api/v1/projects/${encodeURIComponent(projectId)}/mapping`;
  const byKey = new Map<string, MappingSummary>();
  const tables = await apiRequest<{ items: TableRow[] }>(`${base}/table-mappings`, { signal });
  for (const t of tables.items) byKey.set(t.key, tableSummary(t));
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await apiRequest<{ items: FieldRow[]; total: number }>(`${base}/suggestions`, {
      query: { status: 'approved,manual,suggested', limit: PAGE, offset: page * PAGE, sort: 'target' },
      signal,
    });
    for (const f of answer.items) if (!byKey.has(f.key) || f.status !== 'suggested') byKey.set(f.key, fieldSummary(f));
    if ((page + 1) * PAGE >= answer.total || answer.items.length === 0) break;
  }
  return byKey;
}

export function useMappingLookup(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['projects', projectId, 'codegen', 'mapping-lookup'],
    queryFn: ({ signal }) => loadMappings(projectId, signal),
    enabled,
    staleTime: 60_000,
  });
}
