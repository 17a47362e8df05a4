// fetch for the Godwit API: JSON in and out, the access token on every authenticated
// call, one silent refresh and retry on a 401, and problem+json turned into ApiError.
import { ApiError, NETWORK_ERROR_MESSAGE, readProblem } from '@/lib/api-error';
import { ensureFreshToken, getAccessToken, refreshSession, SESSION_COOKIE_HEADER } from '@/lib/session';

type QueryValue = string | number | boolean | null | undefined | readonly string[];

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Send the access token (default true). */
  auth?: boolean;
  /** Ask for the refresh token as an HttpOnly cookie (session-creating calls). */
  sessionCookie?: boolean;
  signal?: AbortSignal;
};

/** The path with its query string; empty values and empty lists are left out. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.sessionCookie) Object.assign(headers, SESSION_COOKIE_HEADER);
  try {
    return await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'Network error', NETWORK_ERROR_MESSAGE);
  }
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true;
  if (auth) await ensureFreshToken();
  const token = auth ? getAccessToken() : null;
  let res = await send(path, options, token);
  if (res.status === 401 && auth) {
    const current = getAccessToken();
    // Another call may already have renewed the token while this one was in flight.
    const renewed = current !== null && current !== token ? true : await refreshSession();
    if (renewed) res = await send(path, options, getAccessToken());
  }
  if (!res.ok) throw await readProblem(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await res.json()) as T;
}
