// Pick or drop files, choose a dialect per SQL file, upload them with progress.
import { Button } from '@/components/ui/button';
import { DropZone } from '@/features/files/components/drop-zone';
import { UploadQueue } from '@/features/files/components/upload-queue';
import { useUploads } from '@/features/files/hooks/use-uploads';
import type { UploadRequest } from '@/features/files/api/upload-file';
import type { UploadResult } from '@/api/types';

type Props = {
  projectId: string;
  /** The project's source dialect: the default choice for every SQL file. */
  defaultDialect: string;
  /** Tests pass their own transport; the page uses XMLHttpRequest. */
  uploader?: (request: UploadRequest) => Promise<UploadResult>;
};

export function FileUploader({ projectId, defaultDialect, uploader }: Props) {
  const uploads = useUploads(projectId, defaultDialect, uploader);
  const waiting = uploads.items.filter((it) => it.state === 'ready' || it.state === 'failed' || it.state === 'cancelled').length;
  const busy = uploads.items.some((it) => it.state === 'uploading');
  const finished = uploads.items.some((it) => it.state === 'done' || it.state === 'duplicate');
  return (
    <div className="stack">
      <DropZone onFiles={uploads.add} />
      <UploadQueue items={uploads.items} onDialect={uploads.setDialect} onRemove={uploads.remove} onCancel={uploads.cancel} />
      {uploads.items.length > 0 ? (
        <div className="row">
          <Button variant="primary" disabled={waiting === 0 || busy} loading={busy} onClick={() => void uploads.start()}>
            {waiting === 1 ? 'Upload 1 file' : `Upload ${waiting} files`}
          </Button>
          {finished && !busy ? <Button onClick={uploads.clearFinished}>Clear uploaded</Button> : null}
        </div>
      ) : null}
    </div>
  );
}
