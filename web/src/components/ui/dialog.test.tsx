import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from '@/components/ui/dialog';
import { ApiError } from '@/lib/api-error';

describe('ConfirmDialog', () => {
  it('enables the confirm button only once the name is typed', async () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmDialog open onClose={() => {}} onConfirm={onConfirm} title="Delete “Billing”?" confirmLabel="Delete project" confirmText="Billing" danger />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Delete “Billing”?' });
    const confirm = screen.getByRole('button', { name: 'Delete project' });
    expect(dialog).toBeInTheDocument();
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByLabelText(/to confirm/), 'Billing');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it("shows the server's sentence when the action failed", () => {
    render(
      <ConfirmDialog
        open
        onClose={() => {}}
        onConfirm={() => {}}
        title="Remove?"
        confirmLabel="Remove"
        error={new ApiError(409, 'Conflict', 'a project must keep at least one owner')}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('a project must keep at least one owner');
  });

  it('renders nothing inside while closed', () => {
    render(<ConfirmDialog open={false} onClose={() => {}} onConfirm={() => {}} title="Hidden" confirmLabel="Go" />);
    expect(screen.queryByRole('button', { name: 'Go' })).not.toBeInTheDocument();
  });
});
