import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  endSession,
  getSessionState,
  refreshLeadSeconds,
  refreshSession,
  resetSessionForTests,
  restoreSession,
  startSession,
} from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';

describe('session', () => {
  beforeEach(() => resetSessionForTests());
  afterEach(() => {
    vi.useRealTimers();
    resetSessionForTests();
  });

  it('renews a 900 s token a minute early and a 5 s token a second early', () => {
    expect(refreshLeadSeconds(900)).toBe(60);
    expect(refreshLeadSeconds(5)).toBe(1);
  });

  it('restores the session from the refresh cookie on page load, asking for the cookie transport', async () => {
    const { calls } = mockFetch({ 'POST /api/v1/auth/refresh': { body: sampleSession('restored') } });
    await restoreSession();
    await restoreSession();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers['X-Godwit-Session']).toBe('cookie');
    const state = getSessionState();
    expect(state.status).toBe('authenticated');
    expect(state.status === 'authenticated' && state.accessToken).toBe('restored');
  });

  it('is anonymous (not expired) when there is no session to restore', async () => {
    mockFetch({ 'POST /api/v1/auth/refresh': problem(401, 'no refresh token') });
    await restoreSession();
    expect(getSessionState()).toEqual({ status: 'anonymous', reason: 'none' });
  });

  it('renews silently before expiry', async () => {
    vi.useFakeTimers();
    const { calls } = mockFetch({ 'POST /api/v1/auth/refresh': { body: sampleSession('second', 900) } });
    startSession(sampleSession('first', 900));
    await vi.advanceTimersByTimeAsync(839_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toHaveLength(1);
    const state = getSessionState();
    expect(state.status === 'authenticated' && state.accessToken).toBe('second');
  });

  it('ends as expired when the renewal is refused', async () => {
    vi.useFakeTimers();
    mockFetch({ 'POST /api/v1/auth/refresh': problem(401, 'the refresh token was revoked') });
    startSession(sampleSession('first', 5));
    await vi.advanceTimersByTimeAsync(4_500);
    expect(getSessionState()).toEqual({ status: 'anonymous', reason: 'expired' });
  });

  it('sends one refresh for concurrent callers (a refresh token is single-use)', async () => {
    const { calls } = mockFetch({ 'POST /api/v1/auth/refresh': { body: sampleSession('next') } });
    startSession(sampleSession('first'));
    const results = await Promise.all([refreshSession(), refreshSession(), refreshSession()]);
    expect(results).toEqual([true, true, true]);
    expect(calls).toHaveLength(1);
  });

  it('keeps the session when the server is unreachable during a renewal', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    startSession(sampleSession('first'));
    expect(await refreshSession()).toBe(false);
    expect(getSessionState().status).toBe('authenticated');
    endSession('signed-out');
    expect(getSessionState()).toEqual({ status: 'anonymous', reason: 'signed-out' });
  });

  it('ends when another tab signs out', async () => {
    startSession(sampleSession('first'));
    const otherTab = new BroadcastChannel('godwit-session');
    otherTab.postMessage('signed-out');
    await vi.waitFor(() => expect(getSessionState()).toEqual({ status: 'anonymous', reason: 'signed-out' }));
    otherTab.close();
  });

  it('keeps the session when the server is busy or failing, and tries again', async () => {
    vi.useFakeTimers();
    let answer = 503;
    const { calls } = mockFetch({
      'POST /api/v1/auth/refresh': () => (answer === 200 ? { body: sampleSession('later') } : problem(answer, 'busy')),
    });
    startSession(sampleSession('first', 5));
    await vi.advanceTimersByTimeAsync(4_500);
    expect(calls).toHaveLength(1);
    expect(getSessionState().status).toBe('authenticated');
    answer = 200;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);
    const state = getSessionState();
    expect(state.status === 'authenticated' && state.accessToken).toBe('later');
  });
});
