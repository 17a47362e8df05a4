import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uploadFile } from '@/features/files/api/upload-file';
import { ApiError } from '@/lib/api-error';
import { resetSessionForTests, startSession } from '@/lib/session';
import { sampleSession } from '@/testing/fetch-mock';

type Sent = { url: string; headers: Record<string, string>; body: FormData };

/** A stand-in XMLHttpRequest that answers from a script and records what was sent. */
function fakeXhr(answers: Array<{ status: number; body: unknown; type?: string }>, sent: Sent[]) {
  class FakeXhr {
    status = 0;
    responseText = '';
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = '';
    private headers: Record<string, string> = {};
    private type = 'application/json';
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader(name: string) {
      return name === 'Content-Type' ? this.type : null;
    }
    abort() {
      this.onabort?.();
    }
    send(body: FormData) {
      sent.push({ url: this.url, headers: this.headers, body });
      const answer = answers.shift()!;
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 } as ProgressEvent);
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      this.type = answer.type ?? 'application/json';
      queueMicrotask(() => this.onload?.());
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
}

describe('uploadFile', () => {
  beforeEach(() => startSession(sampleSession('token-1')));
  afterEach(() => {
    resetSessionForTests();
    vi.unstubAllGlobals();
  });

  it('sends one multipart part with the dialect and the bearer token, and reports progress', async () => {
    const sent: Sent[] = [];
    fakeXhr([{ status: 201, body: { files: [], duplicates: [], job: null } }], sent);
    const progress = vi.fn();
    const file = new File(['select 1;'], 'q.sql');
    await uploadFile({ projectId: 'p1', file, dialect: 'auto', onProgress: progress });
    expect(sent[0]!.url).toBe('/api/v1/projects/p1/files/upload');
    expect(sent[0]!.headers.Authorization).toBe('Bearer token-1');
    expect(sent[0]!.body.get('dialect')).toBe('auto');
    expect((sent[0]!.body.get('files') as File).name).toBe('q.sql');
    expect(progress).toHaveBeenCalledWith({ loaded: 5, total: 10 });
  });

  it("turns a problem+json answer into an ApiError with the server's sentence", async () => {
    const sent: Sent[] = [];
    fakeXhr(
      [{ status: 413, type: 'application/problem+json', body: { title: 'Too large', status: 413, detail: "'big.sql' is 80 MiB; the limit per file is 50 MiB" } }],
      sent,
    );
    const error = await uploadFile({ projectId: 'p1', file: new File(['x'], 'big.sql'), dialect: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect((error as ApiError).message).toBe("'big.sql' is 80 MiB; the limit per file is 50 MiB");
    expect(sent[0]!.body.get('dialect')).toBeNull();
  });

  it('renews the token once on a 401 and sends again', async () => {
    const sent: Sent[] = [];
    fakeXhr([{ status: 401, body: {} }, { status: 201, body: { files: [], duplicates: [], job: null } }], sent);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(sampleSession('token-2')), { status: 200, headers: { 'Content-Type': 'application/json' } })),
    );
    await uploadFile({ projectId: 'p1', file: new File(['x'], 'a.sql'), dialect: '' });
    expect(sent.map((s) => s.headers.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });
});
