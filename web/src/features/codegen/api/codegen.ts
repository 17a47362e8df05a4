// The code generation endpoints: status and start (a job), generate one platform, the
// files of a generation (with content one by one), the history, optimisation advice and
// applying it, validation, and downloads of one file or a zip.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Job } from '@/api/types';
import type {
  CodeAdvice,
  CodeFile,
  CodegenOptions,
  CodegenStatus,
  Generation,
  Platform,
  ValidationAnswer,
} from '@/features/codegen/types';
import { apiRequest } from '@/lib/api-client';
import { ensureFreshToken, getAccessToken } from '@/lib/session';

export const codegenBase = (projectId: string) => `/api/v1/projects/${encodeURIComponent(projectId)}/codegen`;

export const codegenKeys = {
  all: (projectId: string) => ['projects', projectId, 'codegen'] as const,
  status: (projectId: string) => ['projects', projectId, 'codegen', 'status'] as const,
  codes: (projectId: string, platform: Platform) => ['projects', projectId, 'codegen', 'codes', platform] as const,
  generationFiles: (projectId: string, generationId: string) => ['projects', projectId, 'codegen', 'generation', generationId] as const,
  file: (projectId: string, codeId: string) => ['projects', projectId, 'codegen', 'file', codeId] as const,
  generations: (projectId: string, platform: Platform) => ['projects', projectId, 'codegen', 'generations', platform] as const,
  optimizations: (projectId: string, platform: Platform) => ['projects', projectId, 'codegen', 'optimizations', platform] as const,
};

/** Polls every 2 s while a job runs and the event stream is not open. */
export function useCodegenStatus(projectId: string, poll: boolean) {
  return useQuery({
    queryKey: codegenKeys.status(projectId),
    queryFn: ({ signal }) => apiRequest<CodegenStatus>(`${codegenBase(projectId)}/status`, { signal }),
    refetchInterval: (query) => {
      const state = query.state.data?.state;
      return poll && (state === 'queued' || state === 'running') ? 2000 : false;
    },
  });
}

export function useStartCodegen(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { platforms: Platform[]; options?: CodegenOptions }) =>
      apiRequest<{ job: Job }>(`${codegenBase(projectId)}/start`, { method: 'POST', body }),
    onSuccess: ({ job }) => {
      queryClient.setQueryData<CodegenStatus>(codegenKeys.status(projectId), (prev) =>
        prev ? { ...prev, state: job.state === 'running' ? 'running' : 'queued', job } : prev,
      );
    },
  });
}

/** The latest generation of one platform with its file list (no contents). */
export function useCodes(projectId: string, platform: Platform) {
  return useQuery({
    queryKey: codegenKeys.codes(projectId, platform),
    queryFn: async ({ signal }) => {
      const answer = await apiRequest<{ items: Generation[] }>(`${codegenBase(projectId)}/codes`, { query: { platform }, signal });
      return answer.items[0] ?? null;
    },
  });
}

/** The file list of one (older) generation, to find the previous version of a file. */
export function useGenerationFiles(projectId: string, generationId: string | null) {
  return useQuery({
    queryKey: codegenKeys.generationFiles(projectId, generationId ?? ''),
    queryFn: async ({ signal }) => {
      const answer = await apiRequest<{ items: Generation[] }>(`${codegenBase(projectId)}/codes`, {
        query: { generation_id: generationId ?? '' },
        signal,
      });
      return answer.items[0]?.files ?? [];
    },
    enabled: generationId !== null,
    staleTime: Infinity,
  });
}

/** One file with content, provenance and verification; stored versions never change. */
export function useCodeFile(projectId: string, codeId: string | null) {
  return useQuery({
    queryKey: codegenKeys.file(projectId, codeId ?? ''),
    queryFn: ({ signal }) => apiRequest<CodeFile>(`${codegenBase(projectId)}/codes/${encodeURIComponent(codeId ?? '')}`, { signal }),
    enabled: codeId !== null,
    staleTime: Infinity,
  });
}

export function useGenerations(projectId: string, platform: Platform) {
  return useQuery({
    queryKey: codegenKeys.generations(projectId, platform),
    queryFn: async ({ signal }) =>
      (await apiRequest<{ items: Generation[] }>(`${codegenBase(projectId)}/generations`, { query: { platform }, signal })).items,
  });
}

export function useOptimizations(projectId: string, platform: Platform) {
  return useQuery({
    queryKey: codegenKeys.optimizations(projectId, platform),
    queryFn: async ({ signal }) =>
      (await apiRequest<{ items: CodeAdvice[] }>(`${codegenBase(projectId)}/optimizations`, { query: { platform }, signal })).items,
  });
}

function useInvalidateCodegen(projectId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: codegenKeys.all(projectId) });
}

/** Generates one platform now (a new version). */
export function useGenerate(projectId: string) {
  const invalidate = useInvalidateCodegen(projectId);
  return useMutation({
    mutationFn: (body: { platform: Platform; options?: CodegenOptions }) =>
      apiRequest<Generation>(`${codegenBase(projectId)}/generate`, { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

/** Regenerates a platform with the advice applied (a new version). */
export function useOptimize(projectId: string) {
  const invalidate = useInvalidateCodegen(projectId);
  return useMutation({
    mutationFn: (body: { platform: Platform; advice_ids: string[] }) =>
      apiRequest<Generation>(`${codegenBase(projectId)}/optimize`, { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

export function useValidateCode(projectId: string) {
  const invalidate = useInvalidateCodegen(projectId);
  return useMutation({
    mutationFn: (platform?: Platform) =>
      apiRequest<ValidationAnswer>(`${codegenBase(projectId)}/validate`, { method: 'POST', body: platform ? { platform } : {} }),
    onSuccess: () => invalidate(),
  });
}

/** Fetches with the access token (a plain link would not carry it) and saves the answer. */
async function saveDownload(url: string, filename: string): Promise<void> {
  await ensureFreshToken();
  const token = getAccessToken();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`The download failed (HTTP ${res.status}).`);
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const named = /filename="([^"]+)"/.exec(disposition)?.[1];
  const blobUrl = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = blobUrl;
  a.download = named ?? filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(blobUrl), 1000);
}

/** A zip of the latest files of one platform, or of every platform in folders. */
export function downloadZip(projectId: string, platform?: Platform): Promise<void> {
  const query = platform ? `?platform=${platform}` : '';
  return saveDownload(`${codegenBase(projectId)}/download${query}`, `godwit-${platform ?? 'code'}.zip`);
}

export function downloadFile(projectId: string, file: Pick<CodeFile, 'id' | 'path'>): Promise<void> {
  return saveDownload(`${codegenBase(projectId)}/codes/${encodeURIComponent(file.id)}/download`, file.path.split('/').pop() ?? 'file');
}
