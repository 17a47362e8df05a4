// The column grid: every suggested or decided mapping of the chosen table (or of all),
// with its transformation, formula, calibrated confidence and the evidence behind it;
// approve or reject one or many, accept everything above a threshold, edit, undo.
import { useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { Pagination } from '@/components/ui/pagination';
import { Table } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { useCustomMapping, useDecide, useEditMapping, useSuggestions, useUndoMapping } from '@/features/mapping/api/mapping';
import { ConfidenceBar } from '@/features/mapping/components/confidence-bar';
import { MappingEditor } from '@/features/mapping/components/mapping-editor';
import styles from '@/features/mapping/components/mapping.module.css';
import { describeEvidence } from '@/features/mapping/lib/evidence';
import type { FieldMapping, MappingInput, MappingStatusValue, SuggestionQuery } from '@/features/mapping/types';
import shared from '@/styles/shared.module.css';

const STATUS_TONE: Record<MappingStatusValue, BadgeTone> = {
  suggested: 'info',
  approved: 'success',
  manual: 'brand',
  rejected: 'danger',
};

type Props = { projectId: string; targetTable: string | null; canEdit: boolean };

export function SuggestionsGrid({ projectId, targetTable, canEdit }: Props) {
  const toast = useToast();
  const [status, setStatus] = useState('');
  const [provenance, setProvenance] = useState('');
  const [minConfidence, setMinConfidence] = useState('');
  const [rankOneOnly, setRankOneOnly] = useState(true);
  const [threshold, setThreshold] = useState('0.9');
  const [limit, setLimit] = useState(50);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<FieldMapping | 'new' | null>(null);

  const min = minConfidence === '' ? undefined : Number(minConfidence);
  const query: SuggestionQuery = {
    target_table: targetTable ?? undefined,
    status: status ? [status] : undefined,
    provenance: provenance ? [provenance] : undefined,
    min_confidence: min !== undefined && !Number.isNaN(min) ? min : undefined,
    sort: '-confidence',
    limit,
    offset,
  };
  const suggestions = useSuggestions(projectId, query);
  const approve = useDecide(projectId, 'approve');
  const reject = useDecide(projectId, 'reject');
  const edit = useEditMapping(projectId);
  const custom = useCustomMapping(projectId);
  const undo = useUndoMapping(projectId);

  const items = (suggestions.data?.items ?? []).filter((m) => !rankOneOnly || m.rank === 1 || m.status !== 'suggested');
  const allSelected = items.length > 0 && items.every((m) => selected.has(m.id));
  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const decide = async (action: 'approve' | 'reject', ids: string[]) => {
    const mutation = action === 'approve' ? approve : reject;
    try {
      const outcome = await mutation.mutateAsync({ ids });
      setSelected(new Set());
      toast.show(`${outcome.changed_count} mapping(s) ${action === 'approve' ? 'approved' : 'rejected'}`, 'success');
    } catch (error) {
      toast.show(error instanceof Error ? error.message : 'The decision failed', 'error');
    }
  };

  const acceptAbove = async () => {
    const value = Number(threshold);
    if (Number.isNaN(value) || value < 0 || value > 1) {
      toast.show('The threshold is a number from 0 to 1.', 'error');
      return;
    }
    try {
      const outcome = await approve.mutateAsync({ min_confidence: value, ...(targetTable ? { table: targetTable } : {}) });
      toast.show(`${outcome.changed_count} mapping(s) at or above ${Math.round(value * 100)}% approved`, 'success');
    } catch (error) {
      toast.show(error instanceof Error ? error.message : 'The decision failed', 'error');
    }
  };

  const save = (input: MappingInput) =>
    editing === 'new' || editing === null ? custom.mutateAsync(input) : edit.mutateAsync({ id: editing.id, input });

  return (
    <div className={styles.gridWrap}>
      <div className={styles.toolbar} role="group" aria-label="Filters and bulk actions">
        <label className={shared.inlineField}>
          Status
          <select value={status} onChange={(e) => (setStatus(e.target.value), setOffset(0))}>
            <option value="">Any</option>
            <option value="suggested">Suggested</option>
            <option value="approved">Approved</option>
            <option value="manual">Written by a person</option>
            <option value="rejected">Rejected</option>
          </select>
        </label>
        <label className={shared.inlineField}>
          Origin
          <select value={provenance} onChange={(e) => (setProvenance(e.target.value), setOffset(0))}>
            <option value="">Any</option>
            <option value="engine">Engine</option>
            <option value="model">Language model</option>
            <option value="person">Person</option>
          </select>
        </label>
        <label className={shared.inlineField}>
          Confidence at least
          <input type="number" min={0} max={1} step={0.05} value={minConfidence} onChange={(e) => (setMinConfidence(e.target.value), setOffset(0))} />
        </label>
        <label className={shared.inlineField}>
          <input type="checkbox" checked={rankOneOnly} onChange={(e) => setRankOneOnly(e.target.checked)} />
          Best candidate only
        </label>
        {canEdit ? (
          <>
            <label className={shared.inlineField}>
              Accept all at or above
              <input type="number" min={0} max={1} step={0.05} value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-label="Approval threshold" />
            </label>
            <Button size="sm" onClick={() => void acceptAbove()} loading={approve.isPending}>
              Accept above threshold
            </Button>
            <Button size="sm" variant="primary" disabled={selected.size === 0} onClick={() => void decide('approve', [...selected])}>
              Approve selected ({selected.size})
            </Button>
            <Button size="sm" variant="danger" disabled={selected.size === 0} onClick={() => void decide('reject', [...selected])}>
              Reject selected
            </Button>
            <Button size="sm" onClick={() => setEditing('new')}>
              New mapping…
            </Button>
          </>
        ) : null}
      </div>
      {suggestions.isPending ? <LoadingState label="Loading mappings…" /> : null}
      {suggestions.isError ? <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} /> : null}
      {suggestions.data && items.length === 0 ? (
        <EmptyState title="No mappings match">Change the filters, or run the suggestion engine.</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <Table caption="Column mappings" aria-label="Column mappings">
          <thead>
            <tr>
              {canEdit ? (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select every mapping on this page"
                    checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((m) => m.id)))}
                  />
                </th>
              ) : null}
              <th scope="col">Source</th>
              <th scope="col">Target</th>
              <th scope="col">Transformation</th>
              <th scope="col">Confidence</th>
              <th scope="col">Status</th>
              {canEdit ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((m) => {
              const source = m.sources.length > 1 ? m.sources.map((s) => `${s.table}.${s.column}`).join(', ') : `${m.source_table}.${m.source_column}`;
              const name = `${source} → ${m.target_table}.${m.target_column}`;
              return (
                <tr key={m.id}>
                  {canEdit ? (
                    <td>
                      <input type="checkbox" aria-label={`Select ${name}`} checked={selected.has(m.id)} onChange={() => toggle(m.id)} />
                    </td>
                  ) : null}
                  <td>
                    {source}
                    {m.rank > 1 ? <span className="muted"> (candidate {m.rank})</span> : null}
                  </td>
                  <td>
                    {m.target_table}.<strong>{m.target_column}</strong>
                  </td>
                  <td>
                    <div>{m.transformation.replace('_', ' ')}</div>
                    {m.formula ? <div className={styles.formula}>{m.formula}</div> : null}
                    {m.value_map && m.value_map.entries.length > 0 ? (
                      <div className="muted">value map: {m.value_map.entries.map((e) => `${e.from}→${e.to}`).join(', ')}</div>
                    ) : null}
                    {m.warnings.map((w) => (
                      <p className={styles.warning} key={w}>
                        ⚠ {w}
                      </p>
                    ))}
                  </td>
                  <td>
                    <ConfidenceBar value={m.confidence} label={`Confidence of ${name}`} />
                    <div className="muted" style={{ fontSize: '0.8rem' }}>
                      {m.provenance === 'model' ? `model${m.model ? ` (${m.model})` : ''}` : m.provenance}
                    </div>
                    {m.evidence.length > 0 ? (
                      <details className={styles.evidence}>
                        <summary>Why</summary>
                        <ul>
                          {describeEvidence(m.evidence).map((line) => (
                            <li key={line}>{line}</li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td>
                    <Badge tone={STATUS_TONE[m.status]}>{m.status}</Badge>
                  </td>
                  {canEdit ? (
                    <td>
                      <div className={styles.rowActions}>
                        {m.status !== 'approved' ? (
                          <Button size="sm" onClick={() => void decide('approve', [m.id])} aria-label={`Approve ${name}`}>
                            Approve
                          </Button>
                        ) : null}
                        {m.status !== 'rejected' ? (
                          <Button size="sm" variant="ghost" onClick={() => void decide('reject', [m.id])} aria-label={`Reject ${name}`}>
                            Reject
                          </Button>
                        ) : null}
                        <Button size="sm" variant="ghost" onClick={() => setEditing(m)} aria-label={`Edit ${name}`}>
                          Edit
                        </Button>
                        {m.can_undo ? (
                          <Button size="sm" variant="ghost" onClick={() => undo.mutate(m.id)} aria-label={`Undo the last change of ${name}`}>
                            Undo
                          </Button>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}
      {suggestions.data && suggestions.data.total > limit ? (
        <Pagination
          total={suggestions.data.total}
          limit={limit}
          offset={offset}
          onChange={setOffset}
          onLimitChange={(l) => (setLimit(l), setOffset(0))}
          label="Mapping pages"
        />
      ) : null}
      {editing !== null ? (
        <MappingEditor
          key={editing === 'new' ? 'new' : editing.id}
          open
          mapping={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSave={save}
          saving={edit.isPending || custom.isPending}
        />
      ) : null}
    </div>
  );
}
