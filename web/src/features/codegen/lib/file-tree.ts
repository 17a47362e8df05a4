// Generated files as a folder tree: folders first, then files, each by name.
export type TreeFile<F> = { kind: 'file'; name: string; path: string; file: F };
export type TreeFolder<F> = { kind: 'folder'; name: string; path: string; children: TreeNode<F>[] };
export type TreeNode<F> = TreeFile<F> | TreeFolder<F>;

function sortNodes<F>(nodes: TreeNode<F>[]): TreeNode<F>[] {
  nodes.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  for (const node of nodes) if (node.kind === 'folder') sortNodes(node.children);
  return nodes;
}

/** Splits each '/'-separated path into folders; empty segments (a//b, /a) are dropped. */
export function buildFileTree<F extends { path: string }>(files: readonly F[]): TreeNode<F>[] {
  const root: TreeNode<F>[] = [];
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    if (parts.length === 0) continue;
    let level = root;
    let prefix = '';
    for (const folderName of parts.slice(0, -1)) {
      prefix = prefix ? `${prefix}/${folderName}` : folderName;
      let folder = level.find((n): n is TreeFolder<F> => n.kind === 'folder' && n.name === folderName);
      if (!folder) {
        folder = { kind: 'folder', name: folderName, path: prefix, children: [] };
        level.push(folder);
      }
      level = folder.children;
    }
    level.push({ kind: 'file', name: parts[parts.length - 1]!, path: file.path, file });
  }
  return sortNodes(root);
}

/** The files in the order the tree shows them (for choosing a first file to open). */
export function treeFiles<F>(nodes: readonly TreeNode<F>[]): F[] {
  return nodes.flatMap((n) => (n.kind === 'file' ? [n.file] : treeFiles(n.children)));
}
