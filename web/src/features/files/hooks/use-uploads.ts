// The files the user picked in this page: their dialect choice, upload progress and the
// server's answer. Uploads run two at a time, one request per file, so that each file gets
// its own progress bar and its own error.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SchemaFile, UploadResult } from '@/api/types';
import { getFilesQueryOptions } from '@/features/files/api/get-files';
import { uploadFile, type UploadRequest } from '@/features/files/api/upload-file';

export type LocalUploadState = 'ready' | 'uploading' | 'done' | 'duplicate' | 'failed' | 'cancelled';

export type LocalUpload = {
  key: string;
  file: File;
  dialect: string;
  state: LocalUploadState;
  loaded: number;
  total: number;
  error?: unknown;
  /** The stored file (done) or the file that already had this content (duplicate). */
  stored?: SchemaFile;
};

export const UPLOAD_CONCURRENCY = 2;

type Uploader = (request: UploadRequest) => Promise<UploadResult>;

let nextKey = 0;

export function useUploads(projectId: string, defaultDialect: string, uploader: Uploader = uploadFile) {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<LocalUpload[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const controllers = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const open = controllers.current;
    return () => {
      for (const c of open.values()) c.abort();
      open.clear();
    };
  }, []);

  const patch = useCallback((key: string, change: Partial<LocalUpload>) => {
    setItems((prev) => prev.map((it) => (it.key === key ? { ...it, ...change } : it)));
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      const added: LocalUpload[] = [];
      for (const file of files) {
        added.push({ key: `u${nextKey++}`, file, dialect: defaultDialect, state: 'ready', loaded: 0, total: file.size });
      }
      setItems((prev) => [...prev, ...added]);
    },
    [defaultDialect],
  );

  const setDialect = useCallback((key: string, dialect: string) => patch(key, { dialect }), [patch]);

  const remove = useCallback((key: string) => {
    controllers.current.get(key)?.abort();
    setItems((prev) => prev.filter((it) => it.key !== key));
  }, []);

  const cancel = useCallback((key: string) => controllers.current.get(key)?.abort(), []);

  const runOne = useCallback(
    async (item: LocalUpload) => {
      const controller = new AbortController();
      controllers.current.set(item.key, controller);
      patch(item.key, { state: 'uploading', loaded: 0, error: undefined });
      try {
        const result = await uploader({
          projectId,
          file: item.file,
          dialect: item.dialect,
          signal: controller.signal,
          onProgress: ({ loaded, total }) => patch(item.key, { loaded, total }),
        });
        const duplicate = result.duplicates[0];
        if (result.files.length === 0 && duplicate) {
          patch(item.key, { state: 'duplicate', loaded: item.file.size, stored: duplicate.existing_file });
        } else {
          patch(item.key, { state: 'done', loaded: item.file.size, stored: result.files[0] });
        }
        void queryClient.invalidateQueries({ queryKey: getFilesQueryOptions(projectId).queryKey });
      } catch (error) {
        const aborted = error instanceof DOMException && error.name === 'AbortError';
        patch(item.key, aborted ? { state: 'cancelled' } : { state: 'failed', error });
      } finally {
        controllers.current.delete(item.key);
      }
    },
    [patch, projectId, queryClient, uploader],
  );

  /** Uploads every file that is ready (or failed and retried), a few at a time. */
  const start = useCallback(async () => {
    const queue = itemsRef.current.filter((it) => it.state === 'ready' || it.state === 'failed' || it.state === 'cancelled');
    const workers = Array.from({ length: Math.min(UPLOAD_CONCURRENCY, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await runOne(next);
    });
    await Promise.all(workers);
  }, [runOne]);

  const clearFinished = useCallback(() => {
    setItems((prev) => prev.filter((it) => it.state !== 'done' && it.state !== 'duplicate'));
  }, []);

  return { items, add, setDialect, remove, cancel, start, clearFinished };
}
