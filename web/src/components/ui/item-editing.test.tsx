import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { EditDeleteButtons, ItemEditing, useItemEditing } from '@/components/ui/item-editing';
import { renderWithProviders } from '@/testing/render';

type Thing = { id: string; name: string };
const things: Thing[] = [
  { id: 't1', name: 'First' },
  { id: 't2', name: 'Second' },
];

function Things({ remove }: { remove: { mutate: (id: string, options: { onSuccess: () => void }) => void; isPending: boolean; error: unknown } }) {
  const edit = useItemEditing<Thing>();
  return (
    <div>
      {things.map((t) => (
        <EditDeleteButtons key={t.id} label={`thing ${t.name}`} onEdit={() => edit.setEditing(t)} onDelete={() => edit.setDeleting(t)} />
      ))}
      <ItemEditing
        noun="thing"
        canEdit
        state={edit}
        remove={remove}
        deleteNote="Gone for good."
        form={(item, done) => (
          <form aria-label={item ? `Edit ${item.name}` : 'New thing'}>
            <input aria-label="Title" defaultValue={item?.name ?? ''} />
            <button type="button" onClick={done}>
              Close
            </button>
          </form>
        )}
      />
    </div>
  );
}

describe('ItemEditing', () => {
  it('opens a fresh form per item and closes it', async () => {
    renderWithProviders(<Things remove={{ mutate: vi.fn(), isPending: false, error: null }} />);
    await userEvent.click(screen.getByRole('button', { name: 'New thing' }));
    await userEvent.type(screen.getByLabelText('Title'), 'draft');
    await userEvent.click(screen.getByRole('button', { name: 'Edit thing Second' }));
    // Another item: the form starts over with that item's values.
    expect(screen.getByRole('form', { name: 'Edit Second' })).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('Second');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByRole('button', { name: 'New thing' })).toBeInTheDocument();
  });

  it('deletes the chosen item by id after confirmation, then closes the dialog', async () => {
    const mutate = vi.fn((_id: string, options: { onSuccess: () => void }) => options.onSuccess());
    renderWithProviders(<Things remove={{ mutate, isPending: false, error: null }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete thing First' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete the thing First?' });
    expect(dialog).toHaveTextContent('Gone for good.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete thing' }));
    expect(mutate).toHaveBeenCalledWith('t1', expect.anything());
    expect(screen.queryByRole('button', { name: 'Delete thing' })).toBeNull();
  });
});
