// What the upload page says about file kinds and statuses.
import type { FileStatus, SchemaFile } from '@/api/types';
import type { BadgeTone } from '@/components/ui/badge';

/** Extensions whose content may be SQL, so a dialect choice matters (zip: its SQL entries). */
const SQL_LIKE = /\.(sql|ddl|dml|pls|pks|pkb|prc|fnc|trg|vw|txt|zip)$/i;
const NOT_SQL = /\.(csv|tsv|json|avsc)$/i;

export function mayBeSql(filename: string): boolean {
  return SQL_LIKE.test(filename) || !NOT_SQL.test(filename);
}

export const FILE_TYPE_LABEL: Record<SchemaFile['file_type'], string> = {
  sql: 'SQL',
  json_schema: 'JSON Schema',
  bigquery_schema: 'BigQuery schema',
  avro: 'Avro schema',
  csv: 'CSV sample',
  tsv: 'TSV sample',
};

export const FILE_STATUS: Record<FileStatus, { label: string; tone: BadgeTone }> = {
  uploading: { label: 'Uploading', tone: 'info' },
  stored: { label: 'Parsing…', tone: 'info' },
  parsed: { label: 'Parsed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
