import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiRequest, buildUrl } from '@/lib/api-client';
import { ApiError, NETWORK_ERROR_MESSAGE } from '@/lib/api-error';
import { getSessionState, resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { vi } from 'vitest';

describe('buildUrl', () => {
  it('drops empty values and joins lists with commas', () => {
    expect(buildUrl('/api/v1/projects', { search: 'ware house', status: ['draft', 'completed'], source_dialect: '', limit: 20, x: undefined, y: [] })).toBe(
      '/api/v1/projects?search=ware+house&status=draft%2Ccompleted&limit=20',
    );
    expect(buildUrl('/p', {})).toBe('/p');
  });
});

describe('apiRequest', () => {
  beforeEach(() => resetSessionForTests({ status: 'anonymous', reason: 'none' }));
  afterEach(() => resetSessionForTests());

  it('sends the access token', async () => {
    startSession(sampleSession('tok-1'));
    const { calls } = mockFetch({ 'GET /api/v1/projects': { body: { items: [], total: 0, limit: 20, offset: 0 } } });
    await apiRequest('/api/v1/projects');
    expect(calls[0]?.headers.Authorization).toBe('Bearer tok-1');
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    startSession(sampleSession('old'));
    const { calls } = mockFetch({
      'GET /api/v1/auth/profile': (call) =>
        call.headers.Authorization === 'Bearer new' ? { body: { ok: true } } : problem(401, 'the access token has expired'),
      'POST /api/v1/auth/refresh': { body: sampleSession('new') },
    });
    await expect(apiRequest('/api/v1/auth/profile')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/v1/auth/profile',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/auth/profile',
    ]);
  });

  it('ends the session as expired when the refresh is refused too', async () => {
    startSession(sampleSession('old'));
    mockFetch({
      'GET /api/v1/auth/profile': problem(401, 'the access token has expired'),
      'POST /api/v1/auth/refresh': problem(401, 'the refresh token was revoked'),
    });
    await expect(apiRequest('/api/v1/auth/profile')).rejects.toMatchObject({ status: 401 });
    expect(getSessionState()).toEqual({ status: 'anonymous', reason: 'expired' });
  });

  it('turns problem+json into an ApiError carrying detail and field errors', async () => {
    mockFetch({
      'POST /api/v1/projects': problem(400, 'required fields are missing', [{ field: 'source_dialect', message: 'is required' }]),
    });
    const error = await apiRequest('/api/v1/projects', { method: 'POST', body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('required fields are missing');
    expect((error as ApiError).fieldMap()).toEqual({ source_dialect: 'is required' });
  });

  it('does not refresh for public calls such as a wrong password', async () => {
    const { calls } = mockFetch({ 'POST /api/v1/auth/login': problem(401, 'the email or password is incorrect') });
    await expect(
      apiRequest('/api/v1/auth/login', { method: 'POST', body: {}, auth: false, sessionCookie: true }),
    ).rejects.toThrow('the email or password is incorrect');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers['X-Godwit-Session']).toBe('cookie');
  });

  it('says the server is unreachable on network failure', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(apiRequest('/api/v1/projects', { auth: false })).rejects.toThrow(NETWORK_ERROR_MESSAGE);
  });

  it('returns undefined for 204', async () => {
    mockFetch({ 'DELETE /api/v1/projects/x': { status: 204 } });
    await expect(apiRequest('/api/v1/projects/x', { method: 'DELETE', auth: false })).resolves.toBeUndefined();
  });
});
