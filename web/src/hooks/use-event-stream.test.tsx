import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useEventStream } from '@/hooks/use-event-stream';
import type { SseMessage } from '@/lib/sse';
import { resetSessionForTests, startSession } from '@/lib/session';
import { sampleSession } from '@/testing/fetch-mock';

function streamOf(chunks: string[], keepOpen = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      if (!keepOpen) controller.close();
    },
  });
}

describe('useEventStream', () => {
  beforeEach(() => startSession(sampleSession('tok')));
  afterEach(() => {
    resetSessionForTests();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('sends the token, parses events split across chunks, and aborts on unmount', async () => {
    // The test pool shares one jsdom between files, so only this hook's own URL is looked at:
    // a stream of another file's page must not be mistaken for this one.
    const url = '/api/v1/projects/use-event-stream-test/events';
    const signals: AbortSignal[] = [];
    const fetchFn = vi.fn(async (input: string, init: RequestInit) => {
      if (input === url && init.signal) signals.push(init.signal);
      return new Response(streamOf(['event: jo', 'b\nid: 1\ndata: {"progress"', ':50}\n', '\n'], true), {
        headers: { 'Content-Type': 'text/event-stream' },
      });
    });
    vi.stubGlobal('fetch', fetchFn);
    const messages: SseMessage[] = [];
    const { result, unmount } = renderHook(() => useEventStream(url, (m) => messages.push(m)));
    await waitFor(() => expect(messages).toEqual([{ event: 'job', id: '1', data: '{"progress":50}' }]));
    expect(result.current).toBe('open');
    const ours = fetchFn.mock.calls.filter(([input]) => input === url);
    expect(ours).toHaveLength(1);
    expect((ours[0]![1].headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
    unmount();
    expect(signals[0]!.aborted).toBe(true);
  });

  it('reconnects after the stream ends, sending Last-Event-ID', async () => {
    const calls: Array<Record<string, string>> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        calls.push(init.headers as Record<string, string>);
        return new Response(streamOf(calls.length === 1 ? ['retry: 10\nid: 41\ndata: a\n\n'] : ['id: 42\ndata: b\n\n'], calls.length > 1), {
          headers: { 'Content-Type': 'text/event-stream' },
        });
      }),
    );
    const messages: string[] = [];
    const { unmount } = renderHook(() => useEventStream('/events', (m) => messages.push(m.data)));
    await waitFor(() => expect(messages).toEqual(['a', 'b']));
    expect(calls[0]!['Last-Event-ID']).toBeUndefined();
    expect(calls[1]!['Last-Event-ID']).toBe('41');
    unmount();
  });

  it('stops for good when the project is gone', async () => {
    const fetchFn = vi.fn(async () => new Response(null, { status: 404 }));
    vi.stubGlobal('fetch', fetchFn);
    const { result } = renderHook(() => useEventStream('/events', () => {}));
    await waitFor(() => expect(result.current).toBe('closed'));
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });
});
