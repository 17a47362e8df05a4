// Evidence and confidence as a person reads them.

import type { Evidence } from '@/features/mapping/types';

const FEATURE_LABEL: Record<string, string> = {
  name: 'Name similarity',
  synonym: 'Synonyms and abbreviations',
  tfidf: 'Shared words (names and descriptions)',
  type: 'Type compatibility',
  key: 'Key roles',
  position: 'Column position',
  neighbourhood: 'Neighbouring columns',
  values: 'Sample values',
  model: 'Language model',
};

export function featureLabel(feature: string): string {
  return FEATURE_LABEL[feature] ?? feature;
}

/** "Name similarity 0.92 (weight 0.40): ..." lines, strongest contribution first. */
export function describeEvidence(evidence: readonly Evidence[]): string[] {
  return [...evidence]
    .sort((a, b) => b.score * b.weight - a.score * a.weight)
    .map((e) => `${featureLabel(e.feature)} ${e.score.toFixed(2)} (weight ${e.weight.toFixed(2)})${e.detail ? `: ${e.detail}` : ''}`);
}

export type ConfidenceBand = 'high' | 'medium' | 'low';

export function confidenceBand(confidence: number): ConfidenceBand {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}

export function percent(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}
