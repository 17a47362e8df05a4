// The mapping phase: run the suggestion engine and watch it, see each target table's
// completion, and decide the column mappings one by one or in bulk.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { downloadExport, useAiSuggestions, useMappingStatus, useStartMapping } from '@/features/mapping/api/mapping';
import styles from '@/features/mapping/components/mapping.module.css';
import { MappingProgress } from '@/features/mapping/components/mapping-progress';
import { SuggestionsGrid } from '@/features/mapping/components/suggestions-grid';
import { TableMappings } from '@/features/mapping/components/table-mappings';
import { useMappingProgress } from '@/features/mapping/hooks/use-mapping-progress';
import type { TableMapping } from '@/features/mapping/types';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectMappingRoute() {
  const { project } = useProjectContext();
  useDocumentTitle(`Mapping · ${project.name}`);
  const toast = useToast();
  const stream = useMappingProgress(project.id);
  const status = useMappingStatus(project.id, stream !== 'open');
  const start = useStartMapping(project.id);
  const ai = useAiSuggestions(project.id);
  const [table, setTable] = useState<TableMapping | null>(null);
  const canEdit = project.role !== 'viewer';

  const askModel = async () => {
    try {
      const answer = await ai.mutateAsync();
      toast.show(
        answer.llm.used
          ? `The model reviewed ${answer.suggestions.length} suggestion(s); they are marked "model".`
          : `No language model used: ${answer.llm.reason}. The engine's suggestions stand.`,
        answer.llm.used ? 'success' : 'info',
      );
    } catch (error) {
      toast.show(error instanceof Error ? error.message : 'The model could not be asked', 'error');
    }
  };

  const exportAs = (format: 'csv' | 'json') =>
    downloadExport(project.id, format).catch((error: unknown) => toast.show(error instanceof Error ? error.message : 'The export failed', 'error'));

  return (
    <div className="stack" style={{ gap: 20 }}>
      <h2 className="visually-hidden">Mapping</h2>
      <Card
        title="Suggestions"
        labelledBy="mapping-run-heading"
        description="Godwit matches tables first, then columns, and says how sure it is and why. Decisions are yours; re-running never overwrites them."
        actions={<Link to={paths.projectPhase(project.id, 'discovery')}>← Discovery</Link>}
      >
        {status.isPending ? <LoadingState label="Loading mapping status…" /> : null}
        {status.isError ? <ErrorState error={status.error} onRetry={() => void status.refetch()} /> : null}
        {status.data ? (
          <MappingProgress
            status={status.data}
            stream={stream}
            onStart={() => start.mutate()}
            starting={start.isPending}
            startError={start.error}
            canEdit={canEdit}
          />
        ) : null}
        <div className="row" style={{ gap: 8, flexWrap: 'wrap', marginTop: 12 }}>
          {canEdit ? (
            <Button size="sm" onClick={() => void askModel()} loading={ai.isPending}>
              Ask the language model to review
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" onClick={() => void exportAs('csv')}>
            Export CSV
          </Button>
          <Button size="sm" variant="ghost" onClick={() => void exportAs('json')}>
            Export JSON
          </Button>
        </div>
      </Card>
      <Card title="Tables and columns" labelledBy="mapping-grid-heading">
        <div className={styles.layout}>
          <TableMappings projectId={project.id} selected={table?.id ?? null} onSelect={setTable} />
          <SuggestionsGrid key={table?.id ?? 'all'} projectId={project.id} targetTable={table?.target_table ?? null} canEdit={canEdit} />
        </div>
      </Card>
    </div>
  );
}
