import { useMutation } from '@tanstack/react-query';
import type { AnalyzeResult } from '@/features/discovery/types';
import { apiRequest } from '@/lib/api-client';

export function analyze(projectId: string, body: { use_llm?: boolean } = {}): Promise<AnalyzeResult> {
  return apiRequest<AnalyzeResult>(`/api/v1/projects/${encodeURIComponent(projectId)}/discovery/analyze`, { method: 'POST', body });
}

export function useAnalyze(projectId: string) {
  return useMutation({ mutationFn: (body: { use_llm?: boolean } | undefined) => analyze(projectId, body) });
}
