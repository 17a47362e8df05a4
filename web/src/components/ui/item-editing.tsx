// The pieces of a list whose items are added and edited in an inline form and deleted
// after confirmation (rules, test cases): the form's save and cancel buttons, an item's
// edit and delete buttons, the "New …" button that becomes the form, and the dialog that
// confirms a deletion.
import { Fragment, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';

/** Save (busy while saving) and cancel, under an add-or-edit form. */
export function FormActions({ submitLabel, saving, onCancel }: { submitLabel: string; saving: boolean; onCancel: () => void }) {
  return (
    <div className="row">
      <Button type="submit" variant="primary" loading={saving}>
        {submitLabel}
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}

/** An item's Edit and Delete buttons, named for screen readers ("Edit rule Not null id"). */
export function EditDeleteButtons({ label, onEdit, onDelete }: { label: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <Button size="sm" onClick={onEdit} aria-label={`Edit ${label}`}>
        Edit
      </Button>
      <Button size="sm" variant="danger" onClick={onDelete} aria-label={`Delete ${label}`}>
        Delete
      </Button>
    </>
  );
}

/** What is being edited: a new item, a saved one, or nothing. */
export type Editing<T> = T | 'new' | null;

/**
 * The "New …" button for editors while nothing is edited, else the form (rendered by
 * `form`, with null for a new item); the form starts over when another item is chosen.
 */
export function AddOrEditForm<T extends { id: string }>({
  canEdit,
  editing,
  newLabel,
  onNew,
  form,
}: {
  canEdit: boolean;
  editing: Editing<T>;
  newLabel: string;
  onNew: () => void;
  form: (item: T | null) => ReactNode;
}) {
  if (editing === null) {
    return canEdit ? (
      <div>
        <Button onClick={onNew}>{newLabel}</Button>
      </div>
    ) : null;
  }
  return <Fragment key={editing === 'new' ? 'new' : editing.id}>{form(editing === 'new' ? null : editing)}</Fragment>;
}

/** A delete request by id, as TanStack Query's mutation gives it. */
export type DeleteMutation = { mutate: (id: string, options: { onSuccess: () => void }) => void; isPending: boolean; error: unknown };

/** Confirms deleting `item` (open while it is set), deletes it with `remove`, then closes. */
export function ConfirmDeleteDialog<T extends { id: string }>({
  item,
  remove,
  onClose,
  title,
  description,
  confirmLabel,
}: {
  item: T | null;
  remove: DeleteMutation;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
}) {
  return (
    <ConfirmDialog
      open={item !== null}
      onClose={onClose}
      onConfirm={() => {
        if (item) remove.mutate(item.id, { onSuccess: onClose });
      }}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      danger
      pending={remove.isPending}
      error={remove.error}
    />
  );
}

/** Which item is being edited (or a new one) and which one waits for delete confirmation. */
export function useItemEditing<T>() {
  const [editing, setEditing] = useState<Editing<T>>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  return { editing, setEditing, deleting, setDeleting };
}

/**
 * Under a list of named items (a `noun` each: "rule", "test case"): "New …" or the open
 * form, and the dialog confirming a deletion, which `deleteNote` may explain.
 */
export function ItemEditing<T extends { id: string; name: string }>({
  noun,
  canEdit,
  state,
  remove,
  form,
  deleteNote,
}: {
  noun: string;
  canEdit: boolean;
  state: ReturnType<typeof useItemEditing<T>>;
  remove: DeleteMutation;
  /** The form for `item` (null: a new one); `done` closes it. */
  form: (item: T | null, done: () => void) => ReactNode;
  deleteNote?: string;
}) {
  const done = () => state.setEditing(null);
  return (
    <>
      <AddOrEditForm canEdit={canEdit} editing={state.editing} newLabel={`New ${noun}`} onNew={() => state.setEditing('new')} form={(item) => form(item, done)} />
      <ConfirmDeleteDialog
        item={state.deleting}
        remove={remove}
        onClose={() => state.setDeleting(null)}
        title={`Delete the ${noun} ${state.deleting?.name ?? ''}?`}
        description={deleteNote}
        confirmLabel={`Delete ${noun}`}
      />
    </>
  );
}
