import { describe, expect, it } from 'vitest';
import { createSseParser, reconnectDelayMs, type SseMessage } from '@/lib/sse';

function parseAll(chunks: string[]): { messages: SseMessage[]; lastId: string | undefined; retry: number | undefined } {
  const messages: SseMessage[] = [];
  const parser = createSseParser((m) => messages.push(m));
  for (const c of chunks) parser.push(c);
  return { messages, lastId: parser.lastEventId(), retry: parser.retryMs() };
}

const stream =
  ': heartbeat\n\nevent: job\nid: 7\ndata: {"id":"j1","progress":40}\n\nevent: phase\nid: 8\ndata: {"current_phase":"discovery"}\n\n';

describe('createSseParser', () => {
  it('reads typed events with ids and skips heartbeat comments', () => {
    const { messages, lastId } = parseAll([stream]);
    expect(messages).toEqual([
      { event: 'job', id: '7', data: '{"id":"j1","progress":40}' },
      { event: 'phase', id: '8', data: '{"current_phase":"discovery"}' },
    ]);
    expect(lastId).toBe('8');
  });

  it('gives the same events however the stream is split, even one character at a time', () => {
    const whole = parseAll([stream]).messages;
    expect(parseAll(stream.split('')).messages).toEqual(whole);
    for (let cut = 1; cut < stream.length; cut += 3) {
      expect(parseAll([stream.slice(0, cut), stream.slice(cut)]).messages).toEqual(whole);
    }
  });

  it('handles CRLF and CR line ends, including a CRLF split between chunks', () => {
    const crlf = 'event: job\r\ndata: a\r\n\r\n';
    expect(parseAll(['event: job\r', '\ndata: a\r', '\n\r', '\n']).messages).toEqual(parseAll([crlf]).messages);
    expect(parseAll(['data: x\rdata: y\r\r', 'data: z']).messages).toEqual([{ event: 'message', data: 'x\ny', id: undefined }]);
  });

  it('joins multi-line data, defaults the event name, waits for the blank line and reads retry', () => {
    const { messages, retry } = parseAll(['retry: 2500\ndata: one\ndata: two\n\ndata: incomplete']);
    expect(messages).toEqual([{ event: 'message', data: 'one\ntwo', id: undefined }]);
    expect(retry).toBe(2500);
  });

  it('ignores a leading byte-order mark and events without data', () => {
    expect(parseAll(['\ufeffevent: job\n\nevent: job\ndata: 1\n\n']).messages).toEqual([{ event: 'job', data: '1', id: undefined }]);
  });
});

describe('reconnectDelayMs', () => {
  it('backs off from about a second to at most about thirty', () => {
    expect(reconnectDelayMs(0, () => 0.5)).toBe(1000);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(8000);
    expect(reconnectDelayMs(20, () => 0.5)).toBe(30000);
    expect(reconnectDelayMs(20, () => 1)).toBe(37500);
    expect(reconnectDelayMs(0, () => 0)).toBe(750);
  });
});
