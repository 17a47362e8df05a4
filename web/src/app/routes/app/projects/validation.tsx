// The validation phase: the source and target databases, a validation run (a job with live
// progress), the report dashboard (accuracy, per-table status, column charts), the failing
// checks with their differing rows and links to the mapping and code, anomalies by
// severity, the rules and test cases a person writes, and the report history and exports.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { useConnections } from '@/features/connections/api/connections';
import { ConnectionForm } from '@/features/connections/components/connection-form';
import { ConnectionsList } from '@/features/connections/components/connections-list';
import { downloadReport, useAnomalies, useFailingChecks, useReport, useStartValidation, useValidationStatus } from '@/features/validation/api/validation';
import { AnomaliesList } from '@/features/validation/components/anomalies-list';
import { CheckList } from '@/features/validation/components/check-list';
import { ReportDashboard } from '@/features/validation/components/report-dashboard';
import { ReportHistory } from '@/features/validation/components/report-history';
import { RulesEditor } from '@/features/validation/components/rules-editor';
import { TestCases } from '@/features/validation/components/test-cases';
import { ValidationRun } from '@/features/validation/components/validation-run';
import { useValidationProgress } from '@/features/validation/hooks/use-validation-progress';
import { useProjectContext } from '@/app/routes/app/projects/project-context';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function ProjectValidationRoute() {
  const { project } = useProjectContext();
  useDocumentTitle(`Validation · ${project.name}`);
  const toast = useToast();
  const canEdit = project.role !== 'viewer';
  const stream = useValidationProgress(project.id);
  const status = useValidationStatus(project.id, stream !== 'open');
  const start = useStartValidation(project.id);
  const connections = useConnections(project.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [severity, setSeverity] = useState('');
  const [historyOffset, setHistoryOffset] = useState(0);
  const [addingConnection, setAddingConnection] = useState(false);

  const latest = status.data?.latest_report ?? null;
  const reportId = chosen ?? latest?.id ?? null;
  const report = useReport(project.id, reportId);
  const checks = useFailingChecks(project.id, reportId);
  const anomalies = useAnomalies(project.id, reportId, severity);
  const choices = (connections.data?.items ?? []).map((c) => ({ id: c.id, name: c.name, engine: c.engine }));
  const mappingHref = paths.projectPhase(project.id, 'mapping');
  const codeHref = paths.projectPhase(project.id, 'codegen');

  const exportReport = (format: 'html' | 'json') => {
    if (!reportId) return;
    downloadReport(project.id, reportId, format).catch((error: unknown) =>
      toast.show(error instanceof Error ? error.message : 'The export failed', 'error'),
    );
  };

  return (
    <div className="stack" style={{ gap: 20 }}>
      <h2 className="visually-hidden">Validation</h2>
      <Card
        title="Databases"
        labelledBy="validation-connections-heading"
        description="Validation reads the source and the migrated target directly, read-only, with the checks derived from the approved mappings."
        actions={<Link to={codeHref}>← Code generation</Link>}
      >
        <div className="stack">
          <ConnectionsList projectId={project.id} canEdit={canEdit} />
          {canEdit && !addingConnection ? (
            <div>
              <Button onClick={() => setAddingConnection(true)}>Add a connection</Button>
            </div>
          ) : null}
          {canEdit && addingConnection ? <ConnectionForm projectId={project.id} onCreated={() => setAddingConnection(false)} /> : null}
        </div>
      </Card>
      <Card title="Run" labelledBy="validation-run-heading" description="Schema, row counts, aggregates, a keyed diff of every row, keys, your rules and test cases, and anomalies.">
        {status.isPending ? <LoadingState label="Loading validation status…" /> : null}
        {status.isError ? <ErrorState error={status.error} onRetry={() => void status.refetch()} /> : null}
        {status.data ? (
          <ValidationRun
            status={status.data}
            stream={stream}
            connections={choices}
            onStart={(source, target, options) => {
              setChosen(null);
              start.mutate({ source_connection_id: source, target_connection_id: target, options });
            }}
            starting={start.isPending}
            startError={start.error}
            canEdit={canEdit}
          />
        ) : null}
      </Card>
      {reportId ? (
        <>
          <Card title="Report" labelledBy="validation-report-heading">
            {report.isPending ? <LoadingState label="Loading the report…" /> : null}
            {report.isError ? <ErrorState error={report.error} onRetry={() => void report.refetch()} /> : null}
            {report.data ? <ReportDashboard report={report.data} onExport={exportReport} /> : null}
          </Card>
          <Card
            title="Failing checks"
            labelledBy="validation-checks-heading"
            description="Each check names what differs, shows the rows, and links to the mapping and the generated code it came from."
          >
            {checks.isPending ? <LoadingState label="Loading checks…" /> : null}
            {checks.isError ? <ErrorState error={checks.error} onRetry={() => void checks.refetch()} /> : null}
            {checks.data ? <CheckList checks={checks.data} mappingHref={mappingHref} codeHref={codeHref} /> : null}
          </Card>
          <Card title="Anomalies" labelledBy="validation-anomalies-heading" description="Most severe first.">
            {anomalies.isPending ? <LoadingState label="Loading anomalies…" /> : null}
            {anomalies.isError ? <ErrorState error={anomalies.error} onRetry={() => void anomalies.refetch()} /> : null}
            {anomalies.data ? <AnomaliesList anomalies={anomalies.data.items} severity={severity} onSeverity={setSeverity} /> : null}
          </Card>
        </>
      ) : null}
      <Card title="Rules" labelledBy="validation-rules-heading" description="Data-quality rules on the target, run with every validation. SQL rules are parsed before they are saved.">
        <RulesEditor projectId={project.id} canEdit={canEdit} />
      </Card>
      <Card
        title="Test cases"
        labelledBy="validation-tests-heading"
        description="Run now on the connections chosen above (or those of the newest report)."
      >
        <TestCases projectId={project.id} canEdit={canEdit} source={latest?.source_connection_id ?? undefined} target={latest?.target_connection_id ?? undefined} />
      </Card>
      <Card title="History" labelledBy="validation-history-heading">
        <ReportHistory projectId={project.id} selected={reportId} onSelect={setChosen} offset={historyOffset} onOffset={setHistoryOffset} />
      </Card>
    </div>
  );
}
