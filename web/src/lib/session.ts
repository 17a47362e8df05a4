// The signed-in session, kept in memory only. The refresh token lives in an HttpOnly
// cookie (Path=/api/v1/auth) that the server sets when asked with `X-Godwit-Session:
// cookie`; this module renews the access token shortly before it expires, restores the
// session on page load, and ends it cleanly when the server refuses to renew it.
import type { Session, User } from '@/api/types';

export type AnonymousReason = 'none' | 'signed-out' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: AnonymousReason }
  | { status: 'authenticated'; user: User; accessToken: string; expiresAt: number };

/** Header asking the server for the refresh token as an HttpOnly cookie. */
export const SESSION_COOKIE_HEADER: Record<string, string> = { 'X-Godwit-Session': 'cookie' };

/** What `startSession` needs: a login, register, refresh or password-change answer. */
export type SessionTokens = Pick<Session, 'user' | 'access_token' | 'expires_in'>;

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshInFlight: Promise<boolean> | null = null;
let restoring: Promise<void> | null = null;
let lifetimeSeconds = 900;

function emit(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function clearTimer(): void {
  if (refreshTimer !== undefined) clearTimeout(refreshTimer);
  refreshTimer = undefined;
}

export function getSessionState(): SessionState {
  return state;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function getAccessToken(): string | null {
  return state.status === 'authenticated' ? state.accessToken : null;
}

/** Seconds before expiry at which the access token is renewed. */
export function refreshLeadSeconds(expiresIn: number): number {
  return Math.min(60, Math.max(1, expiresIn * 0.2));
}

function scheduleRefresh(expiresIn: number): void {
  clearTimer();
  const delayMs = Math.max(1, expiresIn - refreshLeadSeconds(expiresIn)) * 1000;
  refreshTimer = setTimeout(() => {
    void refreshSession();
  }, delayMs);
}

export function startSession(tokens: SessionTokens): void {
  lifetimeSeconds = tokens.expires_in;
  emit({
    status: 'authenticated',
    user: tokens.user,
    accessToken: tokens.access_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  });
  scheduleRefresh(tokens.expires_in);
}

export function updateSessionUser(user: User): void {
  if (state.status === 'authenticated') emit({ ...state, user });
}

/** Tells the other tabs of this browser that the user signed out. */
const channel: BroadcastChannel | null =
  typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('godwit-session') : null;

channel?.addEventListener('message', (event: MessageEvent) => {
  if (event.data === 'signed-out' && state.status === 'authenticated') {
    clearTimer();
    emit({ status: 'anonymous', reason: 'signed-out' });
  }
});

export function endSession(reason: AnonymousReason): void {
  clearTimer();
  emit({ status: 'anonymous', reason });
  if (reason === 'signed-out') channel?.postMessage('signed-out');
}

/** Serialises refreshes across tabs: a refresh token is single-use (reuse revokes it). */
async function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks && typeof locks.request === 'function') {
    return locks.request('godwit-session-refresh', fn) as Promise<T>;
  }
  return fn();
}

async function doRefresh(): Promise<boolean> {
  let res: Response;
  try {
    res = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { ...SESSION_COOKIE_HEADER, Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    if (state.status === 'authenticated') {
      // The server is unreachable: keep the session and try again shortly.
      clearTimer();
      refreshTimer = setTimeout(() => {
        void refreshSession();
      }, 10_000);
    } else {
      endSession('none');
    }
    return false;
  }
  if (res.ok) {
    startSession((await res.json()) as Session);
    return true;
  }
  if (state.status === 'authenticated' && (res.status === 429 || res.status >= 500)) {
    // Busy or failing server: the refresh token may still be good, so try again later.
    clearTimer();
    refreshTimer = setTimeout(() => {
      void refreshSession();
    }, 10_000);
    return false;
  }
  if (state.status === 'authenticated') endSession('expired');
  else if (state.status === 'loading') endSession('none');
  return false;
}

/** Renews the access token (one request at a time); true when a new one is in place. */
export function refreshSession(): Promise<boolean> {
  if (!refreshInFlight) {
    refreshInFlight = withRefreshLock(doRefresh).finally(() => {
      refreshInFlight = null;
    });
  }
  return refreshInFlight;
}

/** On page load: turns the refresh cookie, if any, into a session (once per page). */
export function restoreSession(): Promise<void> {
  if (!restoring) {
    restoring = state.status === 'loading' ? refreshSession().then(() => undefined) : Promise.resolve();
  }
  return restoring;
}

/** Renews the token first when it is about to expire (e.g. after the tab slept). */
export async function ensureFreshToken(): Promise<void> {
  const marginMs = Math.min(5, refreshLeadSeconds(lifetimeSeconds) / 2) * 1000;
  if (state.status === 'authenticated' && state.expiresAt - Date.now() < marginMs) {
    await refreshSession();
  }
}

/** Test hook: back to the state of a fresh page. */
export function resetSessionForTests(next: SessionState = { status: 'loading' }): void {
  clearTimer();
  refreshInFlight = null;
  restoring = null;
  state = next;
  for (const listener of listeners) listener();
}
