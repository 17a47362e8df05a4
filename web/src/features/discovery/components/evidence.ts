// Evidence and relationship wording shared by the table panel and the graph.
import type { Evidence, Relationship } from '@/features/discovery/types';

export function evidenceText(e: Evidence): string {
  if (typeof e === 'string') return e;
  const parts = [e.detail ?? e.kind ?? ''];
  if (typeof e.score === 'number' && e.detail) parts.push(`(${Math.round(e.score * 100)}%)`);
  return parts.filter(Boolean).join(' ') || JSON.stringify(e);
}

export function relationshipKind(r: Relationship): string {
  if (r.ai_generated) return 'AI-proposed';
  if (r.type === 'foreign_key' || r.type === 'declared') return 'Declared FK';
  if (r.type === 'lineage') return 'Lineage';
  return 'Inferred';
}

function side(table: string | undefined, single: string | null | undefined, many: string[] | undefined): string {
  const cols = many && many.length > 0 ? many.join(', ') : single ?? '';
  return cols ? `${table ?? '?'}.${cols}` : table ?? '?';
}

export function relationshipEnds(r: Relationship): { from: string; to: string } {
  return {
    from: side(r.source_table ?? r.source, r.source_column, r.source_columns),
    to: side(r.target_table ?? r.target, r.target_column, r.target_columns),
  };
}
