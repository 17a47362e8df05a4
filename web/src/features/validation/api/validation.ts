// The validation endpoints: status and start (a job), reports (newest, history, one),
// anomalies, the report exports, and the rules and test cases a person edits.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job } from '@/api/types';
import type {
  Anomaly,
  ReportDetail,
  ReportSummary,
  Rule,
  RuleInput,
  TestCase,
  TestCaseInput,
  ValidationOptions,
  ValidationStatus,
  Check,
} from '@/features/validation/types';
import { apiRequest } from '@/lib/api-client';
import { ensureFreshToken, getAccessToken } from '@/lib/session';

export const validationBase = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/validation`;

export const validationKeys = {
  all: (projectId: string) => ['projects', projectId, 'validation'] as const,
  status: (projectId: string) => ['projects', projectId, 'validation', 'status'] as const,
  reports: (projectId: string, offset: number) => ['projects', projectId, 'validation', 'reports', offset] as const,
  report: (projectId: string, reportId: string) => ['projects', projectId, 'validation', 'report', reportId] as const,
  checks: (projectId: string, reportId: string) => ['projects', projectId, 'validation', 'checks', reportId] as const,
  anomalies: (projectId: string, reportId: string, severity: string) =>
    ['projects', projectId, 'validation', 'anomalies', reportId, severity] as const,
  rules: (projectId: string) => ['projects', projectId, 'validation', 'rules'] as const,
  tests: (projectId: string) => ['projects', projectId, 'validation', 'tests'] as const,
};

/** Polls every 2 s while a job runs and the event stream is not open. */
export function useValidationStatus(projectId: string, poll: boolean) {
  return useQuery({
    queryKey: validationKeys.status(projectId),
    queryFn: ({ signal }) => apiRequest<ValidationStatus>(`${validationBase(projectId)}/status`, { signal }),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return poll && (state === 'queued' || state === 'running') ? 2000 : false;
    },
  });
}

export function useStartValidation(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { source_connection_id: string; target_connection_id: string; options?: ValidationOptions }) =>
      apiRequest<{ job: Job }>(`${validationBase(projectId)}/start`, { method: 'POST', body }),
    onSuccess: ({ job }) => {
      queryClient.setQueryData<ValidationStatus>(validationKeys.status(projectId), (prev) =>
        prev ? { ...prev, state: job.state === 'running' ? 'running' : 'queued', job } : prev,
      );
    },
  });
}

export const REPORTS_PAGE = 10;

/** The report history, newest first (summaries only). */
export function useReports(projectId: string, offset: number) {
  return useQuery({
    queryKey: validationKeys.reports(projectId, offset),
    queryFn: ({ signal }) =>
      apiRequest<{ items: ReportSummary[]; total: number; limit: number; offset: number }>(`${validationBase(projectId)}/reports`, {
        query: { limit: REPORTS_PAGE, offset },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** One report with its whole document; a stored report never changes. */
export function useReport(projectId: string, reportId: string | null) {
  return useQuery({
    queryKey: validationKeys.report(projectId, reportId ?? ''),
    queryFn: ({ signal }) => apiRequest<ReportDetail>(`${validationBase(projectId)}/reports/${encodeURIComponent(reportId ?? '')}`, { signal }),
    enabled: reportId !== null,
    staleTime: Infinity,
  });
}

/** The failing and errored checks of a report, each with links to its mappings and code. */
export function useFailingChecks(projectId: string, reportId: string | null) {
  return useQuery({
    queryKey: validationKeys.checks(projectId, reportId ?? ''),
    queryFn: async ({ signal }) =>
      (
        await apiRequest<{ items: Check[]; total: number }>(`${validationBase(projectId)}/reports/${encodeURIComponent(reportId ?? '')}/checks`, {
          query: { status: 'failed,error', limit: 500 },
          signal,
        })
      ).items,
    enabled: reportId !== null,
  });
}

export function useAnomalies(projectId: string, reportId: string | null, severity: string) {
  return useQuery({
    queryKey: validationKeys.anomalies(projectId, reportId ?? '', severity),
    queryFn: ({ signal }) =>
      apiRequest<{ items: Anomaly[]; total: number }>(`${validationBase(projectId)}/anomalies`, {
        query: { report_id: reportId ?? '', severity, limit: 200 },
        signal,
      }),
    enabled: reportId !== null,
    placeholderData: keepPreviousData,
  });
}

/** Fetches with the access token (a plain link would not carry it) and saves the answer. */
export async function downloadReport(projectId: string, reportId: string, format: 'html' | 'json'): Promise<void> {
  await ensureFreshToken();
  const token = getAccessToken();
  const url = `${validationBase(projectId)}/reports/${encodeURIComponent(reportId)}/export?format=${format}`;
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`The export failed (HTTP ${res.status}).`);
  const named = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
  const blobUrl = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = blobUrl;
  a.download = named ?? `validation-report.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 1000);
}

export function useRules(projectId: string) {
  return useQuery({
    queryKey: validationKeys.rules(projectId),
    queryFn: async ({ signal }) => (await apiRequest<{ items: Rule[] }>(`${validationBase(projectId)}/rules`, { signal })).items,
  });
}

export function useSaveRule(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: Partial<RuleInput> }) =>
      id
        ? apiRequest<Rule>(`${validationBase(projectId)}/rules/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : apiRequest<Rule>(`${validationBase(projectId)}/rules`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: validationKeys.rules(projectId) }),
  });
}

export function useDeleteRule(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`${validationBase(projectId)}/rules/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: validationKeys.rules(projectId) }),
  });
}

export function useTestCases(projectId: string) {
  return useQuery({
    queryKey: validationKeys.tests(projectId),
    queryFn: async ({ signal }) => (await apiRequest<{ items: TestCase[] }>(`${validationBase(projectId)}/tests`, { signal })).items,
  });
}

export function useSaveTestCase(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: TestCaseInput }) =>
      id
        ? apiRequest<TestCase>(`${validationBase(projectId)}/tests/${encodeURIComponent(id)}`, { method: 'PUT', body })
        : apiRequest<TestCase>(`${validationBase(projectId)}/tests`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: validationKeys.tests(projectId) }),
  });
}

export function useDeleteTestCase(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`${validationBase(projectId)}/tests/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: validationKeys.tests(projectId) }),
  });
}

/** Runs one test case now, on the given connections or those of the newest report. */
export function useRunTestCase(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, source, target }: { id: string; source?: string; target?: string }) =>
      apiRequest<{ test: TestCase; result: Check }>(`${validationBase(projectId)}/tests/${encodeURIComponent(id)}/run`, {
        method: 'POST',
        body: { ...(source ? { source_connection_id: source } : {}), ...(target ? { target_connection_id: target } : {}) },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: validationKeys.tests(projectId) }),
  });
}
