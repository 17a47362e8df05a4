// Which mappings made the line the cursor is on, with a way to the mapping page.
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { paths } from '@/config/paths';
import styles from '@/features/codegen/components/codegen.module.css';
import { describeMapping, mappingIdsAt } from '@/features/codegen/lib/provenance';
import type { MappingSummary, ProvenanceRange } from '@/features/codegen/types';

type Props = {
  projectId: string;
  line: number | null;
  provenance: ProvenanceRange[] | undefined;
  mappings: Map<string, MappingSummary> | undefined;
};

export function ProvenancePanel({ projectId, line, provenance, mappings }: Props) {
  const traced = (provenance ?? []).some((r) => r.mapping_ids.length > 0);
  const ids = line === null ? [] : mappingIdsAt(provenance, line);
  return (
    <section className={styles.provenance} aria-labelledby="provenance-heading" aria-live="polite">
      <h3 id="provenance-heading">Where this line comes from</h3>
      {!traced ? (
        <p className="muted">No line of this file is traced to a mapping (it is written for the whole project).</p>
      ) : line === null ? (
        <p className="muted">Hover a line, or click it, to see the mapping that made it. Marked lines in the gutter came from a mapping.</p>
      ) : ids.length === 0 ? (
        <p className="muted">Line {line} is not traced to a mapping.</p>
      ) : (
        <>
          <p>Line {line} comes from:</p>
          <ul className={styles.provenanceList}>
            {ids.map((id) => {
              const m = mappings?.get(id);
              return (
                <li key={id}>
                  {m ? (
                    <>
                      <span className={styles.mappingText}>{describeMapping(m)}</span>{' '}
                      <Badge tone={m.status === 'approved' || m.status === 'manual' ? 'success' : 'neutral'}>
                        {m.kind === 'table' ? 'table' : 'column'} · {m.status}
                      </Badge>
                    </>
                  ) : (
                    <span className={styles.mappingText}>mapping {id}</span>
                  )}
                </li>
              );
            })}
          </ul>
          <Link to={paths.projectPhase(projectId, 'mapping')}>Open the mapping page</Link>
        </>
      )}
    </section>
  );
}
