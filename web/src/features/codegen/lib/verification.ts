// What a file's verification (parsed back by Godwit's parser) means for a person.
import type { BadgeTone } from '@/components/ui/badge';
import type { FileVerification } from '@/features/codegen/types';

export type VerificationSummary = { tone: BadgeTone; label: string; detail: string };

export function summarizeVerification(v: FileVerification | undefined): VerificationSummary {
  if (!v || !v.checked) return { tone: 'neutral', label: 'Not parsed', detail: 'Godwit does not parse this kind of file back' };
  const problems = v.diagnostics?.length ?? 0;
  const statements = `${v.statements ?? 0} statement${v.statements === 1 ? '' : 's'}`;
  if (v.ok) {
    return problems > 0
      ? { tone: 'warning', label: 'Parsed with warnings', detail: `${statements} parsed, ${problems} warning${problems === 1 ? '' : 's'}` }
      : { tone: 'success', label: 'Parsed OK', detail: `${statements} parsed back without problems` };
  }
  return { tone: 'danger', label: 'Parse errors', detail: `${problems} problem${problems === 1 ? '' : 's'} found when parsing it back` };
}
