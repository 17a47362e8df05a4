// Reads a Server-Sent Events stream of the API with fetch (so the Bearer token goes along),
// reconnects with backoff and Last-Event-ID, renews the token on a 401, and stops when the
// component unmounts.
import { useEffect, useRef, useState } from 'react';
import { createSseParser, reconnectDelayMs, type SseMessage } from '@/lib/sse';
import { ensureFreshToken, getAccessToken, refreshSession } from '@/lib/session';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export function useEventStream(url: string | null, onMessage: (message: SseMessage) => void): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const handler = useRef(onMessage);
  handler.current = onMessage;

  useEffect(() => {
    if (!url) {
      setStatus('closed');
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    let lastEventId: string | undefined;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
      });

    const run = async () => {
      while (!signal.aborted) {
        let serverRetry: number | undefined;
        try {
          await ensureFreshToken();
          if (signal.aborted) break;
          const headers: Record<string, string> = { Accept: 'text/event-stream' };
          const token = getAccessToken();
          if (token) headers.Authorization = `Bearer ${token}`;
          if (lastEventId) headers['Last-Event-ID'] = lastEventId;
          const res = await fetch(url, { headers, signal, credentials: 'same-origin', cache: 'no-store' });
          if (res.status === 401) {
            if (!(await refreshSession())) break;
            continue;
          }
          if (res.status === 404 || res.status === 403) break;
          if (!res.ok || !res.body) {
            const after = Number(res.headers.get('Retry-After'));
            serverRetry = Number.isFinite(after) && after > 0 ? after * 1000 : undefined;
            throw new Error(`event stream answered ${res.status}`);
          }
          setStatus('open');
          attempt = 0;
          const parser = createSseParser((message) => handler.current(message));
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.push(value);
            lastEventId = parser.lastEventId() ?? lastEventId;
          }
          serverRetry = parser.retryMs();
        } catch {
          if (signal.aborted) break;
        }
        if (signal.aborted) break;
        setStatus('reconnecting');
        await wait(serverRetry ?? reconnectDelayMs(attempt));
        attempt += 1;
      }
      if (!signal.aborted) setStatus('closed');
    };

    setStatus('connecting');
    void run();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [url]);

  return status;
}
