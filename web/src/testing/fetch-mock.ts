// A fetch stand-in keyed by "METHOD /path" (query string ignored), recording every call.
import { vi } from 'vitest';

export type MockReply = { status?: number; body?: unknown; headers?: Record<string, string> };
export type Handler = MockReply | ((call: RecordedCall) => MockReply | Promise<MockReply>);
export type RecordedCall = { method: string; path: string; url: string; headers: Record<string, string>; body: unknown };

export function jsonReply(body: unknown, status = 200): MockReply {
  return { status, body };
}

export function problem(status: number, detail: string, errors?: Array<{ field: string; message: string }>): MockReply {
  return {
    status,
    body: { type: 'about:blank', title: 'Error', status, detail, ...(errors ? { errors } : {}) },
    headers: { 'Content-Type': 'application/problem+json' },
  };
}

// Calls no handler answered, kept for the check after each test (setup-tests.ts): the app
// swallows a failed fetch (a query's error state, a retry), so an unanswered call would
// otherwise pass unseen, and its retries could land in a later test's mock.
const unanswered: string[] = [];

export function takeUnansweredCalls(): string[] {
  return unanswered.splice(0);
}

export function mockFetch(handlers: Record<string, Handler>) {
  const calls: RecordedCall[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    const method = (init.method ?? 'GET').toUpperCase();
    const path = url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? '';
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    const call: RecordedCall = {
      method,
      path,
      url,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const handler = handlers[`${method} ${path}`];
    if (!handler) {
      unanswered.push(`${method} ${path}`);
      throw new TypeError(`no mock for ${method} ${path}`);
    }
    const reply = typeof handler === 'function' ? await handler(call) : handler;
    const status = reply.status ?? 200;
    const hasBody = reply.body !== undefined && status !== 204;
    return new Response(hasBody ? JSON.stringify(reply.body) : null, {
      status,
      headers: { 'Content-Type': 'application/json', ...(reply.headers ?? {}) },
    });
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}

export const sampleUser = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  picture_url: null,
  has_password: true,
  google_linked: false,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

export function sampleSession(token = 'access-1', expiresIn = 900) {
  return { user: sampleUser, access_token: token, token_type: 'Bearer', expires_in: expiresIn, refresh_expires_in: 86400 };
}
