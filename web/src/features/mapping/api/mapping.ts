// The mapping endpoints: status and start (a job), suggestions with filters, decisions
// (approve / reject, by ids or above a confidence), edits with undo, a person's own
// mapping, model suggestions, table mappings, and the CSV / JSON export.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job } from '@/api/types';
import type {
  AiSuggestionsAnswer,
  Decision,
  DecisionOutcome,
  FieldMapping,
  FieldMappingPage,
  MappingInput,
  MappingStatus,
  SuggestionQuery,
  TableMapping,
} from '@/features/mapping/types';
import { apiRequest } from '@/lib/api-client';
import { ensureFreshToken, getAccessToken } from '@/lib/session';

const base = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/mapping`;

export const mappingKeys = {
  all: (projectId: string) => ['projects', projectId, 'mapping'] as const,
  status: (projectId: string) => ['projects', projectId, 'mapping', 'status'] as const,
  tables: (projectId: string) => ['projects', projectId, 'mapping', 'tables'] as const,
  suggestions: (projectId: string, query: SuggestionQuery) => ['projects', projectId, 'mapping', 'suggestions', query] as const,
};

/** Polls every 3 s while a job runs and the event stream is not open. */
export function useMappingStatus(projectId: string, poll: boolean) {
  return useQuery({
    queryKey: mappingKeys.status(projectId),
    queryFn: ({ signal }) => apiRequest<MappingStatus>(`${base(projectId)}/status`, { signal }),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return poll && (state === 'queued' || state === 'running') ? 3000 : false;
    },
  });
}

export function useStartMapping(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<Job | { job: Job }>(`${base(projectId)}/start`, { method: 'POST', body: {} }),
    onSuccess: (answer) => {
      const job = 'job' in answer ? answer.job : answer;
      queryClient.setQueryData<MappingStatus>(mappingKeys.status(projectId), (prev) =>
        prev ? { ...prev, state: job.state === 'running' ? 'running' : 'queued', job } : prev,
      );
    },
  });
}

export function useTableMappings(projectId: string) {
  return useQuery({
    queryKey: mappingKeys.tables(projectId),
    queryFn: ({ signal }) => apiRequest<{ items: TableMapping[]; total: number }>(`${base(projectId)}/table-mappings`, { signal }),
  });
}

export function useSuggestions(projectId: string, query: SuggestionQuery) {
  return useQuery({
    queryKey: mappingKeys.suggestions(projectId, query),
    queryFn: ({ signal }) => apiRequest<FieldMappingPage>(`${base(projectId)}/suggestions`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** After any change: suggestions, table completion and counts may all have moved. */
function useInvalidateMapping(projectId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: mappingKeys.all(projectId) });
}

export function useDecide(projectId: string, action: 'approve' | 'reject') {
  const invalidate = useInvalidateMapping(projectId);
  return useMutation({
    mutationFn: (decision: Decision) => apiRequest<DecisionOutcome>(`${base(projectId)}/${action}`, { method: 'POST', body: decision }),
    onSuccess: () => invalidate(),
  });
}

export function useEditMapping(projectId: string) {
  const invalidate = useInvalidateMapping(projectId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: MappingInput }) =>
      apiRequest<FieldMapping>(`${base(projectId)}/suggestions/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useUndoMapping(projectId: string) {
  const invalidate = useInvalidateMapping(projectId);
  return useMutation({
    mutationFn: (id: string) => apiRequest<FieldMapping>(`${base(projectId)}/suggestions/${encodeURIComponent(id)}/undo`, { method: 'POST', body: {} }),
    onSuccess: () => invalidate(),
  });
}

export function useCustomMapping(projectId: string) {
  const invalidate = useInvalidateMapping(projectId);
  return useMutation({
    mutationFn: (input: MappingInput) => apiRequest<FieldMapping>(`${base(projectId)}/custom`, { method: 'POST', body: input }),
    onSuccess: () => invalidate(),
  });
}

export function useAiSuggestions(projectId: string) {
  const invalidate = useInvalidateMapping(projectId);
  return useMutation({
    mutationFn: () => apiRequest<AiSuggestionsAnswer>(`${base(projectId)}/ai-suggestions`, { method: 'POST', body: {} }),
    onSuccess: () => invalidate(),
  });
}

/** Downloads the export with the access token (a plain link would not carry it). */
export async function downloadExport(projectId: string, format: 'csv' | 'json'): Promise<void> {
  await ensureFreshToken();
  const token = getAccessToken();
  const res = await fetch(`${base(projectId)}/export?format=${format}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`The export failed (HTTP ${res.status}).`);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `mapping.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
