// The project's stored files with their status (uploading → stored → parsed | failed and
// the reason), a preview per file, and deletion with confirmation.
import { Fragment, useState } from 'react';
import type { SchemaFile } from '@/api/types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { ConfirmDeleteDialog } from '@/components/ui/item-editing';
import { Table, TableHead } from '@/components/ui/table';
import { dialectLabel } from '@/config/dialects';
import { useDeleteFile } from '@/features/files/api/delete-file';
import { useFiles } from '@/features/files/api/get-files';
import { FILE_STATUS, FILE_TYPE_LABEL, formatBytes } from '@/features/files/components/file-kinds';
import { FilePreview } from '@/features/files/components/file-preview';
import styles from '@/features/files/components/upload.module.css';
import { formatRelative } from '@/lib/format';

export function FilesTable({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const files = useFiles(projectId);
  const remove = useDeleteFile(projectId);
  const [open, setOpen] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SchemaFile | null>(null);

  if (files.isPending) return <LoadingState label="Loading files…" />;
  if (files.isError) return <ErrorState error={files.error} title="The files could not be loaded" onRetry={() => void files.refetch()} />;
  if (files.data.items.length === 0) {
    return <EmptyState title="No files yet">Upload schema files above, or connect a live database.</EmptyState>;
  }

  return (
    <>
      <Table caption="Uploaded files" aria-label="Uploaded files">
        <TableHead columns={['File', 'Kind', 'Dialect', 'Size', 'Status', 'Uploaded', { hidden: 'Actions' }]} />
        <tbody>
          {files.data.items.map((file) => {
            const status = FILE_STATUS[file.status];
            const expanded = open === file.id;
            const previewId = `preview-${file.id}`;
            return (
              <Fragment key={file.id}>
                <tr>
                  <th scope="row" className={styles.fileName}>
                    {file.filename}
                  </th>
                  <td>{FILE_TYPE_LABEL[file.file_type] ?? file.file_type}</td>
                  <td>{file.dialect ? dialectLabel(file.dialect) : <span className="muted">—</span>}</td>
                  <td>{formatBytes(file.file_size)}</td>
                  <td>
                    <Badge tone={status.tone} dot>
                      {status.label}
                    </Badge>
                    {file.status === 'failed' && file.error ? <div className={styles.reason}>{file.error}</div> : null}
                  </td>
                  <td>{formatRelative(file.created_at)}</td>
                  <td className={styles.rowActions}>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-expanded={expanded}
                      aria-controls={expanded ? previewId : undefined}
                      aria-label={`${expanded ? 'Hide preview' : 'Preview'} of ${file.filename}`}
                      onClick={() => setOpen(expanded ? null : file.id)}
                    >
                      {expanded ? 'Hide preview' : 'Preview'}
                    </Button>
                    {canEdit ? (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={`Delete ${file.filename}`}
                        onClick={() => {
                          remove.reset();
                          setDeleting(file);
                        }}
                      >
                        Delete
                      </Button>
                    ) : null}
                  </td>
                </tr>
                {expanded ? (
                  <tr id={previewId}>
                    <td colSpan={7}>
                      <FilePreview file={file} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </Table>
      <ConfirmDeleteDialog
        item={deleting}
        remove={remove}
        onClose={() => setDeleting(null)}
        title={`Delete “${deleting?.filename ?? ''}”?`}
        description="The file leaves this project; discovery snapshots already taken keep what they found."
        confirmLabel="Delete file"
      />
    </>
  );
}
