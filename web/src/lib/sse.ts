// A Server-Sent Events parser (the WHATWG event-stream format) for streams read with
// fetch + ReadableStream: EventSource cannot send the Authorization header. Chunks may
// split lines, fields and multi-byte characters anywhere.

export type SseMessage = { event: string; data: string; id: string | undefined };

export type SseParser = {
  /** Feeds decoded text; calls onMessage for every complete event. */
  push: (text: string) => void;
  /** The last event id seen (for Last-Event-ID on reconnect). */
  lastEventId: () => string | undefined;
  /** The server's `retry:` advice in milliseconds, if any. */
  retryMs: () => number | undefined;
};

export function createSseParser(onMessage: (message: SseMessage) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let hasData = false;
  let lastId: string | undefined;
  let retry: number | undefined;
  let firstChunk = true;

  const dispatch = () => {
    if (hasData) onMessage({ event: event || 'message', data: data.join('\n'), id: lastId });
    event = '';
    data = [];
    hasData = false;
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return; // comment (heartbeat)
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        event = value;
        break;
      case 'data':
        data.push(value);
        hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
      default:
        break;
    }
  };

  return {
    push(text: string) {
      if (firstChunk && text.length > 0) {
        firstChunk = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      buffer += text;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match) break;
        // A lone \r at the very end may be the first half of \r\n: wait for more.
        if (match[0] === '\r' && match.index === buffer.length - 1) break;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
    lastEventId: () => lastId,
    retryMs: () => retry,
  };
}

/** The delay before reconnect attempt `attempt` (0-based): 1 s doubling to 30 s, with jitter. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}
