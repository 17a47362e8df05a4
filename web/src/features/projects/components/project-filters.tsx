import { useEffect, useState } from 'react';
import type { ProjectStatus } from '@/api/types';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import { DIALECTS } from '@/config/dialects';
import { PROJECT_STATUSES } from '@/config/phases';
import styles from '@/features/projects/components/project-filters.module.css';
import type { ProjectFilters as Filters } from '@/features/projects/hooks/use-project-filters';
import { useDebouncedValue } from '@/hooks/use-debounced-value';

type Props = {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  onClear: () => void;
  active: boolean;
};

export function ProjectFilters({ filters, onChange, onClear, active }: Props) {
  const [search, setSearch] = useState(filters.search);
  const debounced = useDebouncedValue(search, 250);

  useEffect(() => {
    // Only the typed text drives the URL here; the URL is read once, on mount.
    if (debounced !== filters.search) onChange({ search: debounced });
  }, [debounced]);

  const toggleStatus = (status: ProjectStatus) => {
    const has = filters.statuses.includes(status);
    onChange({ statuses: has ? filters.statuses.filter((s) => s !== status) : [...filters.statuses, status] });
  };

  return (
    <div role="search" aria-label="Filter projects">
      <div className={styles.bar}>
        <TextField
          label="Search"
          type="search"
          placeholder="Project name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={255}
          autoComplete="off"
        />
        <SelectField
          label="Source dialect"
          placeholder="Any source"
          options={DIALECTS}
          value={filters.source}
          onChange={(e) => onChange({ source: e.target.value })}
        />
        <SelectField
          label="Target dialect"
          placeholder="Any target"
          options={DIALECTS}
          value={filters.target}
          onChange={(e) => onChange({ target: e.target.value })}
        />
      </div>
      <div className={styles.statusRow}>
        <fieldset className={styles.chips}>
          <legend>Status</legend>
          {PROJECT_STATUSES.map((s) => (
            <button
              key={s.value}
              type="button"
              className={styles.chip}
              aria-pressed={filters.statuses.includes(s.value)}
              onClick={() => toggleStatus(s.value)}
            >
              {s.label}
            </button>
          ))}
        </fieldset>
        {active ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setSearch('');
              onClear();
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </div>
    </div>
  );
}
