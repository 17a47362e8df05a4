// The discovery phase: start it and watch it run, then explore what it found — the
// lineage graph, one table at a time, the diagnostics and the complexity analysis.
import { useState } from 'react';
import { Link } from 'react-router';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { paths } from '@/config/paths';
import { useConnections } from '@/features/connections/api/connections';
import { useDiscoveryStatus, useStartDiscovery } from '@/features/discovery/api/discovery';
import { AnalysisPanel } from '@/features/discovery/components/analysis-panel';
import { DiagnosticsList } from '@/features/discovery/components/diagnostics-list';
import { DiscoveryProgress } from '@/features/discovery/components/discovery-progress';
import { ALL_FILES, DiscoverySources, selectionProblem, startBody, type DiscoverySelection } from '@/features/discovery/components/discovery-sources';
import styles from '@/features/discovery/components/discovery.module.css';
import { LineageGraph } from '@/features/discovery/components/lineage-graph';
import { SnapshotHistory } from '@/features/discovery/components/snapshot-history';
import { TablePanel } from '@/features/discovery/components/table-panel';
import { useDiscoveryProgress } from '@/features/discovery/hooks/use-discovery-progress';
import type { Diagnostic } from '@/features/discovery/types';
import { useFiles } from '@/features/files/api/get-files';
import { FileLineViewer, type FileLocation } from '@/features/files/components/file-line-viewer';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectDiscoveryRoute() {
  const { project } = useProjectContext();
  useDocumentTitle(`Discovery · ${project.name}`);
  const stream = useDiscoveryProgress(project.id);
  const status = useDiscoveryStatus(project.id, stream !== 'open');
  const start = useStartDiscovery(project.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [sources, setSources] = useState<DiscoverySelection>(ALL_FILES);
  const [viewing, setViewing] = useState<FileLocation | null>(null);
  const files = useFiles(project.id);
  const connections = useConnections(project.id);
  const canEdit = project.role !== 'viewer';
  const hasSnapshot = Boolean(status.data?.latest);
  const fileList = files.data?.items ?? [];
  const connectionList = connections.data?.items ?? [];
  // A file deleted since it was ticked is dropped from the request.
  const selection: DiscoverySelection =
    sources.files === 'all' ? sources : { ...sources, files: sources.files.filter((id) => fileList.some((f) => f.id === id)) };
  const blocked = files.data ? selectionProblem(selection, fileList) : null;
  const openDiagnostic = (d: Diagnostic) => {
    if (d.file_id) setViewing({ fileId: d.file_id, fileName: d.file ?? '', line: d.line, column: d.column, message: d.message });
  };

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
        {canEdit && files.data ? (
          <DiscoverySources
            files={fileList}
            connections={connectionList}
            value={selection}
            onChange={setSources}
            disabled={status.data?.state === 'queued' || status.data?.state === 'running'}
          />
        ) : null}
        {status.data ? (
          <DiscoveryProgress
            status={status.data}
            stream={stream}
            onStart={() => start.mutate(startBody(selection))}
            starting={start.isPending}
            startError={start.error}
            canEdit={canEdit}
            blockedReason={blocked}
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
          <Card title="Diagnostics" labelledBy="diagnostics-heading" description="What the parser could not read, by file and line; open a location to see the line in its file.">
            <DiagnosticsList projectId={project.id} onOpenFile={openDiagnostic} fileNames={fileList.map((f) => f.filename)} />
            <FileLineViewer projectId={project.id} location={viewing} onClose={() => setViewing(null)} />
          </Card>
          <Card title="History" labelledBy="history-heading" description="Each run keeps its snapshot.">
            <SnapshotHistory projectId={project.id} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
