// The code generation phase: generate BigQuery, Databricks, Beam and dbt code from the
// approved mappings (a job with live progress), browse each platform's files with their
// verification, trace lines back to mappings, apply optimisation advice and see what it
// changed, and download one file or everything as a zip.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { downloadZip, useCodegenStatus, useStartCodegen } from '@/features/codegen/api/codegen';
import { CodegenProgress } from '@/features/codegen/components/codegen-progress';
import { PlatformPanel } from '@/features/codegen/components/platform-panel';
import { panelId, PlatformTabs, tabId } from '@/features/codegen/components/platform-tabs';
import { DEFAULT_PLATFORMS, PLATFORMS } from '@/features/codegen/lib/platforms';
import type { Platform } from '@/features/codegen/types';
import { useCodegenProgress } from '@/features/codegen/hooks/use-codegen-progress';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectCodegenRoute() {
  const { project } = useProjectContext();
  useDocumentTitle(`Code generation · ${project.name}`);
  const toast = useToast();
  const stream = useCodegenProgress(project.id);
  const status = useCodegenStatus(project.id, stream !== 'open');
  const start = useStartCodegen(project.id);
  // A link to a generated line (validation's failing checks): ?platform=&file=&line=.
  const [params] = useSearchParams();
  const linked = PLATFORMS.find((p) => p.id === params.get('platform'))?.id ?? null;
  const linkedLine = Number(params.get('line')) || null;
  const [chosen, setChosen] = useState<Platform | null>(linked);
  const canEdit = project.role !== 'viewer';

  const generated = status.data?.platforms ?? {};
  const tabs = PLATFORMS.filter((p) => DEFAULT_PLATFORMS.includes(p.id) || generated[p.id]);
  const selected = chosen ?? tabs.find((p) => generated[p.id])?.id ?? 'bigquery';
  const anyGenerated = tabs.some((p) => generated[p.id]);

  const downloadAll = () =>
    downloadZip(project.id).catch((error: unknown) => toast.show(error instanceof Error ? error.message : 'The download failed', 'error'));

  return (
    <div className="stack" style={{ gap: 20 }}>
      <h2 className="visually-hidden">Code generation</h2>
      <Card
        title="Generate"
        labelledBy="codegen-run-heading"
        description="Godwit writes the migration code from the approved mappings and parses every SQL file back before you see it. Each run is a new version; nothing is overwritten."
        actions={<Link to={paths.projectPhase(project.id, 'mapping')}>← Mapping</Link>}
      >
        {status.isPending ? <LoadingState label="Loading code generation status…" /> : null}
        {status.isError ? <ErrorState error={status.error} onRetry={() => void status.refetch()} /> : null}
        {status.data ? (
          <CodegenProgress
            status={status.data}
            stream={stream}
            onStart={(platforms, options) => start.mutate({ platforms, options })}
            starting={start.isPending}
            startError={start.error}
            canEdit={canEdit}
          />
        ) : null}
      </Card>
      <Card
        title="Code"
        labelledBy="codegen-code-heading"
        actions={
          <Button size="sm" onClick={() => void downloadAll()} disabled={!anyGenerated}>
            Download all (zip)
          </Button>
        }
      >
        <PlatformTabs
          platforms={tabs}
          selected={selected}
          onSelect={setChosen}
          badge={(p) => (generated[p] ? `v${generated[p]!.version}` : null)}
        />
        <div role="tabpanel" id={panelId(selected)} aria-labelledby={tabId(selected)} style={{ paddingTop: 16 }}>
          <PlatformPanel
            key={selected}
            projectId={project.id}
            platform={selected}
            canEdit={canEdit}
            initialPath={selected === linked ? params.get('file') : null}
            initialLine={selected === linked ? linkedLine : null}
          />
        </div>
      </Card>
    </div>
  );
}
