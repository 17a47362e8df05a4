import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import {
  ALL_FILES,
  DiscoverySources,
  describeSelection,
  selectionProblem,
  startBody,
  type DiscoverySelection,
} from '@/features/discovery/components/discovery-sources';

const files = [
  { id: 'f1', filename: 'sakila.sql', status: 'parsed' },
  { id: 'f2', filename: 'chinook.sql', status: 'parsed' },
  { id: 'f3', filename: 'broken.sql', status: 'failed' },
];
const connections = [{ id: 'c1', name: 'warehouse', engine: 'postgresql' }];

function Harness({ onChange }: { onChange: (s: DiscoverySelection) => void }) {
  const [value, setValue] = useState<DiscoverySelection>(ALL_FILES);
  return (
    <DiscoverySources
      files={files}
      connections={connections}
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
    />
  );
}

describe('DiscoverySources', () => {
  it('starts from every parsed file, then lets the user pick files and a connection', async () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    expect(screen.getByText('Discovery will read all 2 files.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Files to discover' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Only the files I choose'));
    expect(screen.getByRole('list', { name: 'Files to discover' })).toHaveTextContent('broken.sql(failed to parse)');
    expect(screen.getByLabelText('sakila.sql')).toBeChecked();
    expect(screen.getByLabelText(/^broken\.sql/)).not.toBeChecked();
    await userEvent.click(screen.getByLabelText('sakila.sql'));
    await userEvent.selectOptions(screen.getByLabelText('Live database'), 'c1');
    const last = onChange.mock.lastCall?.[0] as DiscoverySelection;
    expect(last).toEqual({ files: ['f2'], connectionId: 'c1' });
    expect(startBody(last)).toEqual({ files: ['f2'], connection_id: 'c1' });
    expect(screen.getByText('Discovery will read 1 of 3 files and the database “warehouse”.')).toBeInTheDocument();
  }, 20_000);

  it('sends no file list for the default and refuses an empty choice', () => {
    expect(startBody(ALL_FILES)).toEqual({});
    expect(startBody({ files: 'all', connectionId: 'c1' })).toEqual({ connection_id: 'c1' });
    expect(selectionProblem({ files: [], connectionId: null }, files)).toBe('Choose at least one file or a connection.');
    expect(selectionProblem({ files: [], connectionId: 'c1' }, files)).toBeNull();
    expect(selectionProblem(ALL_FILES, [])).toBe('Upload a schema file or choose a connection first.');
    expect(describeSelection({ files: [], connectionId: 'c1' }, files, connections)).toBe('Discovery will read the database “warehouse”.');
  });
});
