// The discovery phase: start it and watch it run, then explore what it found — the
// lineage graph, one table at a time, the diagnostics and the complexity analysis.
import { useState } from 'react';
import { Link } from 'react-router';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { paths } from '@/config/paths';
import { useDiscoveryStatus, useStartDiscovery } from '@/features/discovery/api/discovery';
import { AnalysisPanel } from '@/features/discovery/components/analysis-panel';
import { DiagnosticsList } from '@/features/discovery/components/diagnostics-list';
import { DiscoveryProgress } from '@/features/discovery/components/discovery-progress';
import styles from '@/features/discovery/components/discovery.module.css';
import { LineageGraph } from '@/features/discovery/components/lineage-graph';
import { SnapshotHistory } from '@/features/discovery/components/snapshot-history';
import { TablePanel } from '@/features/discovery/components/table-panel';
import { useDiscoveryProgress } from '@/features/discovery/hooks/use-discovery-progress';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectDiscoveryRoute() {
  const { project } = useProjectContext();
  useDocumentTitle(`Discovery · ${project.name}`);
  const stream = useDiscoveryProgress(project.id);
  const status = useDiscoveryStatus(project.id, stream !== 'open');
  const start = useStartDiscovery(project.id);
  const [selected, setSelected] = useState<string | null>(null);
  const canEdit = project.role !== 'viewer';
  const hasSnapshot = Boolean(status.data?.latest);

  return (
    <div className="stack" style={{ gap: 20 }}>
      <h2 className="visually-hidden">Discovery</h2>
      <Card
        title="Discovery run"
        labelledBy="discovery-run-heading"
        description="Parses every uploaded file (and the connected database, if any), merges them into one catalog and finds keys, relationships and lineage."
        actions={<Link to={paths.projectPhase(project.id, 'upload')}>← Files and connections</Link>}
      >
        {status.isPending ? <LoadingState label="Loading discovery status…" /> : null}
        {status.isError ? <ErrorState error={status.error} onRetry={() => void status.refetch()} /> : null}
        {status.data ? (
          <DiscoveryProgress
            status={status.data}
            stream={stream}
            onStart={() => start.mutate(undefined)}
            starting={start.isPending}
            startError={start.error}
            canEdit={canEdit}
          />
        ) : null}
      </Card>
      {hasSnapshot ? (
        <>
          <Card
            title="Lineage graph"
            labelledBy="graph-heading"
            description="Click a table to open it; drag tables to arrange them (saved for everyone)."
          >
            <div className={[styles.layout, selected ? styles.withPanel : ''].join(' ')}>
              <LineageGraph projectId={project.id} selectedId={selected} onSelect={setSelected} canEdit={canEdit} />
              {selected ? <TablePanel projectId={project.id} tableId={selected} onClose={() => setSelected(null)} /> : null}
            </div>
          </Card>
          <Card title="Complexity and findings" labelledBy="analysis-heading">
            <AnalysisPanel projectId={project.id} />
          </Card>
          <Card title="Diagnostics" labelledBy="diagnostics-heading" description="What the parser could not read, by file and line.">
            <DiagnosticsList projectId={project.id} />
          </Card>
          <Card title="History" labelledBy="history-heading" description="Each run keeps its snapshot.">
            <SnapshotHistory projectId={project.id} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
