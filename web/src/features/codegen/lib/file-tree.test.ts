import { describe, expect, it } from 'vitest';
import { buildFileTree, treeFiles } from '@/features/codegen/lib/file-tree';

const f = (path: string) => ({ path });

describe('buildFileTree', () => {
  it('nests folders, folders before files, each by name', () => {
    const tree = buildFileTree([f('load/orders.sql'), f('README.md'), f('ddl/orders.sql'), f('ddl/00_datasets.sql'), f('models/marts/orders.sql')]);
    expect(tree.map((n) => `${n.kind}:${n.path}`)).toEqual(['folder:ddl', 'folder:load', 'folder:models', 'file:README.md']);
    const models = tree[2];
    expect(models?.kind === 'folder' && models.children.map((n) => `${n.kind}:${n.path}`)).toEqual(['folder:models/marts']);
    expect(treeFiles(tree).map((x) => x.path)).toEqual(['ddl/00_datasets.sql', 'ddl/orders.sql', 'load/orders.sql', 'models/marts/orders.sql', 'README.md']);
  });

  it('drops empty path segments and empty paths', () => {
    const tree = buildFileTree([f('/a//b.sql'), f(''), f('/')]);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ kind: 'folder', name: 'a', path: 'a' });
    expect(treeFiles(tree)).toEqual([f('/a//b.sql')]);
  });
});
