// One file per request, sent with XMLHttpRequest because fetch reports no upload
// progress. The server's problem+json answer becomes an ApiError like every other call.
import type { UploadResult } from '@/api/types';
import { ApiError, NETWORK_ERROR_MESSAGE } from '@/lib/api-error';
import { ensureFreshToken, getAccessToken, refreshSession } from '@/lib/session';

export type UploadProgress = { loaded: number; total: number };

export type UploadRequest = {
  projectId: string;
  file: File;
  /** A dialect name, 'auto', or '' for the project's source dialect. */
  dialect: string;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

type RawAnswer = { status: number; body: string; contentType: string; requestId: string | null };

function send(request: UploadRequest, token: string | null): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/projects/${encodeURIComponent(request.projectId)}/files/upload`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) request.onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        body: xhr.responseText,
        contentType: xhr.getResponseHeader('Content-Type') ?? '',
        requestId: xhr.getResponseHeader('X-Request-Id'),
      });
    xhr.onerror = () => reject(new ApiError(0, 'Network error', NETWORK_ERROR_MESSAGE));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    request.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    if (request.dialect) form.append('dialect', request.dialect);
    form.append('files', request.file, request.file.name);
    xhr.send(form);
  });
}

function toError(answer: RawAnswer): ApiError {
  if (answer.contentType.includes('json')) {
    try {
      return ApiError.fromProblem(answer.status, JSON.parse(answer.body) as object, answer.requestId);
    } catch {
      // fall through
    }
  }
  return new ApiError(answer.status, 'Error', `The server answered ${answer.status}.`, [], answer.requestId ?? undefined);
}

export async function uploadFile(request: UploadRequest): Promise<UploadResult> {
  await ensureFreshToken();
  const token = getAccessToken();
  let answer = await send(request, token);
  if (answer.status === 401) {
    const current = getAccessToken();
    const renewed = current !== null && current !== token ? true : await refreshSession();
    if (renewed) answer = await send(request, getAccessToken());
  }
  if (answer.status < 200 || answer.status >= 300) throw toError(answer);
  return JSON.parse(answer.body) as UploadResult;
}
