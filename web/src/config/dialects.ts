import type { Dialect } from '@/api/types';

/** The dialects of the API's `Dialect` enum with their product names. */
export const DIALECTS: ReadonlyArray<{ value: Dialect; label: string }> = [
  { value: 'ansi', label: 'ANSI SQL' },
  { value: 'bigquery', label: 'BigQuery' },
  { value: 'databricks', label: 'Databricks' },
  { value: 'hive', label: 'Hive' },
  { value: 'mysql', label: 'MySQL' },
  { value: 'oracle', label: 'Oracle' },
  { value: 'postgres', label: 'PostgreSQL' },
  { value: 'redshift', label: 'Redshift' },
  { value: 'snowflake', label: 'Snowflake' },
  { value: 'sqlite', label: 'SQLite' },
  { value: 'teradata', label: 'Teradata' },
  { value: 'tsql', label: 'SQL Server (T-SQL)' },
];

export function dialectLabel(value: string): string {
  return DIALECTS.find((d) => d.value === value)?.label ?? value;
}
