// Drag and drop of many files, with a keyboard-reachable "choose files" button.
import { useId, useRef, useState, type DragEvent } from 'react';
import { Button } from '@/components/ui/button';
import styles from '@/features/files/components/upload.module.css';

export const ACCEPTED_FILES = '.sql,.ddl,.txt,.json,.avsc,.csv,.tsv,.zip';

export function DropZone({ onFiles, disabled = false }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = Array.from(event.dataTransfer.files);
    if (files.length > 0) onFiles(files);
  };

  return (
    <div
      className={[styles.dropZone, over ? styles.over : ''].join(' ')}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <p className={styles.dropTitle}>Drop schema files here</p>
      <p id={hintId} className="muted">
        SQL/DDL in any supported dialect, JSON Schema, BigQuery schema JSON, Avro (.avsc), CSV/TSV samples, or zip
        archives of these.
      </p>
      <Button onClick={() => input.current?.click()} disabled={disabled} aria-describedby={hintId}>
        Choose files…
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Schema files"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          if (files.length > 0) onFiles(files);
          event.target.value = '';
        }}
      />
    </div>
  );
}
