// One platform's generated code: its version, the file tree with verification marks, the
// viewer (with the changes since the previous version on request or after regenerating),
// where a line comes from, the load plan, the optimisation advice with apply, and
// validating the stored files again.
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { useToast } from '@/components/ui/toast';
import { paths } from '@/config/paths';
import { downloadFile, downloadZip, useCodeFile, useCodes, useGenerate, useGenerationFiles, useGenerations, useOptimize, useValidateCode } from '@/features/codegen/api/codegen';
import { useMappingLookup } from '@/features/codegen/api/mapping-lookup';
import styles from '@/features/codegen/components/codegen.module.css';
import { FileTree } from '@/features/codegen/components/file-tree';
import { LoadPlan } from '@/features/codegen/components/load-plan';
import { OptimizationsList } from '@/features/codegen/components/optimizations-list';
import { ProvenancePanel } from '@/features/codegen/components/provenance-panel';
import { treeFiles, buildFileTree } from '@/features/codegen/lib/file-tree';
import { platformLabel } from '@/features/codegen/lib/platforms';
import { describeMapping } from '@/features/codegen/lib/provenance';
import { summarizeVerification } from '@/features/codegen/lib/verification';
import type { CodeAdvice, CodeFile, Platform } from '@/features/codegen/types';
import { formatSize } from '@/features/codegen/lib/format-size';

const CodeViewer = lazy(() => import('@/features/codegen/components/code-viewer'));

type Props = {
  projectId: string;
  platform: Platform;
  canEdit: boolean;
  /** A file and line to open first (a link from the validation page: `?file=&line=`). */
  initialPath?: string | null;
  initialLine?: number | null;
};

export function PlatformPanel({ projectId, platform, canEdit, initialPath = null, initialLine = null }: Props) {
  const label = platformLabel(platform);
  const toast = useToast();
  const navigate = useNavigate();
  const codes = useCodes(projectId, platform);
  const history = useGenerations(projectId, platform);
  const generate = useGenerate(projectId);
  const optimize = useOptimize(projectId);
  const validate = useValidateCode(projectId);
  const [selectedPath, setSelectedPath] = useState<string | null>(initialPath);
  const [compare, setCompare] = useState(false);
  const [line, setLine] = useState<number | null>(initialLine);
  const [hoverLine, setHoverLine] = useState<number | null>(null);
  const [changes, setChanges] = useState<number | null>(null);
  const [applying, setApplying] = useState<string | null>(null);

  const generation = codes.data ?? null;
  const files = useMemo(() => generation?.files ?? [], [generation]);
  const ordered = useMemo(() => treeFiles(buildFileTree(files)), [files]);
  const selected = files.find((f) => f.path === selectedPath) ?? ordered[0] ?? null;
  const previous = generation ? (history.data ?? []).find((g) => g.version < generation.version) ?? null : null;

  const file = useCodeFile(projectId, selected?.id ?? null);
  const previousFiles = useGenerationFiles(projectId, compare && previous ? previous.id : null);
  const previousFile = previousFiles.data?.find((f) => f.path === selected?.path) ?? null;
  const previousContent = useCodeFile(projectId, previousFile?.id ?? null);
  // Read once the code is there, so a line is named by the time someone hovers it.
  const mappings = useMappingLookup(projectId, files.length > 0);

  let original: string | null = null;
  if (compare && previous && previousFiles.data) original = previousFile ? previousContent.data?.content ?? null : '';

  const choose = (f: CodeFile) => {
    setSelectedPath(f.path);
    setLine(null);
    setHoverLine(null);
  };
  const showCode = (codeId: string) => {
    const f = files.find((x) => x.id === codeId);
    if (f) choose(f);
  };
  const describe = useCallback(
    (ids: string[]) => ({
      lines: ids.map((id) => {
        const m = mappings.data?.get(id);
        return m ? describeMapping(m) : `mapping ${id}`;
      }),
      href: paths.projectPhase(projectId, 'mapping'),
    }),
    [mappings.data, projectId],
  );

  const regenerate = () =>
    generate.mutate(
      { platform },
      {
        onSuccess: (g) => {
          setCompare(true);
          toast.show(`${label} regenerated as version ${g.version}`, 'success');
        },
        onError: (error) => toast.show(error instanceof Error ? error.message : 'Generation failed', 'error'),
      },
    );

  const apply = async (advice: CodeAdvice) => {
    if (!advice.advice_id) return;
    setApplying(advice.advice_id);
    try {
      const path = files.find((f) => f.id === advice.code_id)?.path;
      const g = await optimize.mutateAsync({ platform, advice_ids: [advice.advice_id] });
      if (path) setSelectedPath(path);
      setCompare(true);
      setLine(null);
      toast.show(`Applied ${advice.advice_id}: ${label} regenerated as version ${g.version}; the changes are shown.`, 'success');
    } catch (error) {
      toast.show(error instanceof Error ? error.message : 'The advice could not be applied', 'error');
    } finally {
      setApplying(null);
    }
  };

  // The server parses the stored files again and stores the result; the file list and the
  // open file are read again, so their marks show the new verification.
  const validateAgain = () =>
    validate.mutate(platform, {
      onSuccess: (answer) => {
        const mine = answer.platforms.find((p) => p.platform === platform);
        const ok = mine?.ok ?? answer.files_ok;
        const failed = mine?.failed ?? answer.files_failed;
        toast.show(`${label} validated again: ${ok} file(s) parsed OK, ${failed} with errors.`, failed > 0 ? 'error' : 'success');
      },
      onError: (error) => toast.show(error instanceof Error ? error.message : 'The validation failed', 'error'),
    });

  const save = (work: Promise<void>) => work.catch((error: unknown) => toast.show(error instanceof Error ? error.message : 'The download failed', 'error'));

  if (codes.isPending) return <LoadingState label={`Loading ${label} code…`} />;
  if (codes.isError) return <ErrorState error={codes.error} onRetry={() => void codes.refetch()} />;
  if (!generation)
    return (
      <EmptyState
        title={`Nothing generated for ${label} yet`}
        action={
          canEdit ? (
            <Button variant="primary" onClick={regenerate} loading={generate.isPending}>
              Generate {label}
            </Button>
          ) : null
        }
      >
        Generate it here, or generate several platforms at once above.
      </EmptyState>
    );

  const verification = summarizeVerification(file.data?.verification ?? selected?.verification);
  const diagnostics = file.data?.verification?.diagnostics ?? [];
  return (
    <div className="stack" style={{ gap: 16 }}>
      <div className={styles.toolbar}>
        <span>
          <strong>Version {generation.version}</strong> · {generation.file_count} file(s) · parsed back: {generation.verification?.ok ?? 0} OK,{' '}
          {generation.verification?.failed ?? 0} failed
          {generation.applied_advice && generation.applied_advice.length > 0 ? ` · advice applied: ${generation.applied_advice.join(', ')}` : ''}
        </span>
        <label className={styles.inlineCheck}>
          <input type="checkbox" checked={compare && previous !== null} disabled={!previous} onChange={(e) => setCompare(e.target.checked)} />
          {previous ? `Show changes since version ${previous.version}` : 'No earlier version to compare with'}
        </label>
        <span className={styles.spacer} />
        {canEdit ? (
          <Button size="sm" onClick={regenerate} loading={generate.isPending}>
            Regenerate {label}
          </Button>
        ) : null}
        <Button size="sm" onClick={validateAgain} loading={validate.isPending}>
          Validate again
        </Button>
        <Button size="sm" onClick={() => void save(downloadZip(projectId, platform))}>
          Download {label} (zip)
        </Button>
      </div>
      <div className={styles.browser}>
        <FileTree files={files} selected={selected?.path ?? null} onSelect={choose} label={`${label} files`} />
        <div className={styles.viewerColumn}>
          {selected ? (
            <>
              <div className={styles.fileHeader}>
                <h3 className={styles.filePath}>{selected.path}</h3>
                <Badge tone={verification.tone}>{verification.label}</Badge>
                <span className="muted">
                  {selected.language}
                  {selected.dialect ? ` (${selected.dialect})` : ''} · {formatSize(selected.size)} · {verification.detail}
                </span>
                <span className={styles.spacer} />
                <Button size="sm" variant="ghost" onClick={() => void save(downloadFile(projectId, selected))}>
                  Download file
                </Button>
              </div>
              {diagnostics.length > 0 ? (
                <ul className={styles.diagnostics} aria-label={`Parse problems in ${selected.path}`}>
                  {diagnostics.map((d, i) => (
                    <li key={`${d.line}:${d.column}:${i}`}>
                      <code>
                        {d.line}:{d.column}
                      </code>{' '}
                      {d.severity} {d.code}: {d.message}
                    </li>
                  ))}
                </ul>
              ) : null}
              {compare && original !== null ? (
                <p className="muted" role="status">
                  {previousFile ? `Changes since version ${previous?.version}: ${changes ?? 0} changed block(s).` : `New in version ${generation.version}.`}
                </p>
              ) : null}
              {file.isPending ? <LoadingState label="Loading the file…" /> : null}
              {file.isError ? <ErrorState error={file.error} onRetry={() => void file.refetch()} /> : null}
              {file.data ? (
                <Suspense fallback={<LoadingState label="Loading the code viewer…" />}>
                  <CodeViewer
                    content={file.data.content ?? ''}
                    language={file.data.language}
                    dialect={file.data.dialect}
                    original={original}
                    provenance={file.data.provenance}
                    label={`Contents of ${selected.path}`}
                    describe={describe}
                    onLine={setLine}
                    onHoverLine={setHoverLine}
                    onFollowLink={(href) => void navigate(href)}
                    onChanges={setChanges}
                  />
                </Suspense>
              ) : null}
              <ProvenancePanel projectId={projectId} line={hoverLine ?? line} provenance={file.data?.provenance} mappings={mappings.data} />
            </>
          ) : (
            <EmptyState title="This generation has no files" />
          )}
        </div>
      </div>
      <section aria-labelledby={`load-plan-${platform}`} className="stack">
        <h3 id={`load-plan-${platform}`}>Load plan</h3>
        <LoadPlan plan={generation.load_plan} headingId={`load-plan-${platform}`} />
      </section>
      <section aria-labelledby={`advice-${platform}`} className="stack">
        <h3 id={`advice-${platform}`}>Optimisations</h3>
        <OptimizationsList projectId={projectId} platform={platform} canEdit={canEdit} applying={applying} onApply={(a) => void apply(a)} onShowFile={showCode} />
      </section>
    </div>
  );
}
