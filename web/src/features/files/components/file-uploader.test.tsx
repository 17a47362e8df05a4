import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploadResult } from '@/api/types';
import type { UploadRequest } from '@/features/files/api/upload-file';
import { FileUploader } from '@/features/files/components/file-uploader';
import { ApiError } from '@/lib/api-error';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { sampleFile } from '@/testing/sample-data';

const projectId = '22222222-2222-4222-8222-222222222222';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('FileUploader', () => {
  beforeEach(() => {
    startSession(sampleSession());
    mockFetch({ [`GET /api/v1/projects/${projectId}/files`]: { body: { items: [], total: 0 } } });
  });
  afterEach(() => resetSessionForTests());

  it('uploads each file with its own dialect and shows progress, success and the server sentence per file', async () => {
    const pending = new Map<string, ReturnType<typeof deferred<UploadResult>>>();
    const requests: UploadRequest[] = [];
    const uploader = vi.fn((request: UploadRequest) => {
      requests.push(request);
      const d = deferred<UploadResult>();
      pending.set(request.file.name, d);
      return d.promise;
    });
    renderWithProviders(<FileUploader projectId={projectId} defaultDialect="oracle" uploader={uploader} />);

    const input = screen.getByLabelText('Schema files');
    await userEvent.upload(input, [
      new File(['CREATE TABLE a (id int);'], 'orders.sql'),
      new File(['id,name\n1,x\n'], 'customers.csv'),
    ]);
    const list = screen.getByRole('list', { name: 'Files to upload' });
    const sql = within(list).getByRole('listitem', { name: 'orders.sql' });
    const csv = within(list).getByRole('listitem', { name: 'customers.csv' });
    // The project's dialect is the default; CSV needs none.
    expect(within(sql).getByLabelText('Dialect of orders.sql')).toHaveValue('oracle');
    expect(within(csv).getByText('No dialect needed')).toBeInTheDocument();
    await userEvent.selectOptions(within(sql).getByLabelText('Dialect of orders.sql'), 'auto');

    await userEvent.click(screen.getByRole('button', { name: 'Upload 2 files' }));
    expect(requests.map((r) => [r.file.name, r.dialect])).toEqual([
      ['orders.sql', 'auto'],
      ['customers.csv', 'oracle'],
    ]);

    // Progress per file.
    act(() => requests[0]!.onProgress?.({ loaded: 12, total: 24 }));
    expect(within(sql).getByRole('progressbar', { name: 'Uploading orders.sql' })).toHaveAttribute('value', '50');
    expect(within(sql).getByText('50%')).toBeInTheDocument();

    pending.get('orders.sql')!.resolve({ files: [sampleFile({ filename: 'orders.sql' })], duplicates: [], job: null });
    expect(await within(sql).findByText('Uploaded')).toBeInTheDocument();

    pending.get('customers.csv')!.reject(new ApiError(415, 'Unsupported', "'customers.csv' looks like a binary file, not CSV"));
    expect(await within(csv).findByRole('alert')).toHaveTextContent("'customers.csv' looks like a binary file, not CSV");
    expect(within(csv).getByText('Failed')).toBeInTheDocument();
    // The failed one can be retried; the uploaded one is not sent again.
    expect(screen.getByRole('button', { name: 'Upload 1 file' })).toBeEnabled();
  });

  it('reports a duplicate with the name it is stored under', async () => {
    const uploader = vi.fn(async () => ({
      files: [],
      duplicates: [{ filename: 'copy.sql', existing_file: sampleFile({ filename: 'orders.sql' }) }],
      job: null,
    }));
    renderWithProviders(<FileUploader projectId={projectId} defaultDialect="postgres" uploader={uploader} />);
    await userEvent.upload(screen.getByLabelText('Schema files'), new File(['x'], 'copy.sql'));
    await userEvent.click(screen.getByRole('button', { name: 'Upload 1 file' }));
    expect(await screen.findByText('Already uploaded')).toBeInTheDocument();
    expect(screen.getByText('The same content is already stored as “orders.sql”.')).toBeInTheDocument();
  });

  it('uploads at most two files at a time', async () => {
    let running = 0;
    let peak = 0;
    const uploader = vi.fn(async (request: UploadRequest) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return { files: [sampleFile({ filename: request.file.name })], duplicates: [], job: null };
    });
    renderWithProviders(<FileUploader projectId={projectId} defaultDialect="postgres" uploader={uploader} />);
    await userEvent.upload(
      screen.getByLabelText('Schema files'),
      ['a', 'b', 'c', 'd', 'e'].map((n) => new File(['x'], `${n}.sql`)),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Upload 5 files' }));
    await vi.waitFor(() => expect(screen.getAllByText('Uploaded')).toHaveLength(5));
    expect(uploader).toHaveBeenCalledTimes(5);
    expect(peak).toBe(2);
  });
});
