// Tracing a line of generated code back to the mappings it came from.
import type { MappingSummary, ProvenanceRange } from '@/features/codegen/types';

/** The mapping ids of every range that covers the 1-based line, field mappings first. */
export function mappingIdsAt(provenance: readonly ProvenanceRange[] | undefined, line: number): string[] {
  const ids = new Set<string>();
  for (const range of provenance ?? []) {
    if (line >= range.first_line && line <= range.last_line) for (const id of range.mapping_ids) ids.add(id);
  }
  return [...ids].sort((a, b) => (a.startsWith('fm-') === b.startsWith('fm-') ? a.localeCompare(b) : a.startsWith('fm-') ? -1 : 1));
}

/** The lines that came from any mapping, for the gutter. */
export function tracedLines(provenance: readonly ProvenanceRange[] | undefined, lineCount: number): Set<number> {
  const lines = new Set<number>();
  for (const range of provenance ?? []) {
    const first = Math.max(1, range.first_line);
    const last = Math.min(lineCount, range.last_line);
    if (range.mapping_ids.length === 0) continue;
    for (let line = first; line <= last; line += 1) lines.add(line);
  }
  return lines;
}

/** One line of text for a mapping: "src.a, src.b → tgt.c = UPPER(a)". */
export function describeMapping(m: MappingSummary): string {
  const formula = m.formula ? ` = ${m.formula}` : m.transformation && m.transformation !== 'direct' ? ` (${m.transformation})` : '';
  return `${m.source} → ${m.target}${formula}`;
}
