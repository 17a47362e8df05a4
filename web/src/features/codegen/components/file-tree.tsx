// The files of a generation as folders and files, each with its verification status.
import { buildFileTree, type TreeNode } from '@/features/codegen/lib/file-tree';
import { summarizeVerification } from '@/features/codegen/lib/verification';
import styles from '@/features/codegen/components/codegen.module.css';
import type { CodeFile } from '@/features/codegen/types';

const MARK = { success: '✓', warning: '!', danger: '✗', neutral: '–', brand: '–', info: '–' } as const;

type Props = { files: readonly CodeFile[]; selected: string | null; onSelect: (file: CodeFile) => void; label: string };

function Nodes({ nodes, selected, onSelect }: { nodes: TreeNode<CodeFile>[]; selected: string | null; onSelect: (file: CodeFile) => void }) {
  return (
    <>
      {nodes.map((node) =>
        node.kind === 'folder' ? (
          <li key={`d:${node.path}`} className={styles.folder}>
            <span className={styles.folderName}>{node.name}/</span>
            <ul className={styles.treeList}>
              <Nodes nodes={node.children} selected={selected} onSelect={onSelect} />
            </ul>
          </li>
        ) : (
          <li key={`f:${node.path}`}>
            <FileButton file={node.file} name={node.name} current={selected === node.path} onSelect={onSelect} />
          </li>
        ),
      )}
    </>
  );
}

function FileButton({ file, name, current, onSelect }: { file: CodeFile; name: string; current: boolean; onSelect: (file: CodeFile) => void }) {
  const v = summarizeVerification(file.verification);
  return (
    <button
      type="button"
      className={styles.fileButton}
      aria-current={current ? 'true' : undefined}
      onClick={() => onSelect(file)}
      title={`${file.path}: ${v.detail}`}
    >
      <span className={`${styles.mark} ${styles[`mark_${v.tone}`] ?? ''}`} aria-hidden="true">
        {MARK[v.tone]}
      </span>
      <span className={styles.fileName}>{name}</span>
      <span className="visually-hidden">, {v.label}</span>
    </button>
  );
}

export function FileTree({ files, selected, onSelect, label }: Props) {
  return (
    <nav aria-label={label} className={styles.tree}>
      <ul className={styles.treeList}>
        <Nodes nodes={buildFileTree(files)} selected={selected} onSelect={onSelect} />
      </ul>
    </nav>
  );
}
