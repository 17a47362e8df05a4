import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ToastProvider, useToast } from '@/components/ui/toast';

function Trigger() {
  const toast = useToast();
  return <button onClick={() => toast.show('Project saved')}>save</button>;
}

describe('Toasts', () => {
  it('announces in a polite live region and can be dismissed', async () => {
    render(
      <ToastProvider>
        <Trigger />
      </ToastProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'save' }));
    const region = screen.getByRole('status', { name: 'Notifications' });
    expect(region).toHaveAttribute('aria-live', 'polite');
    expect(region).toHaveTextContent('Project saved');
    await act(async () => {
      await userEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    });
    expect(region).not.toHaveTextContent('Project saved');
  });
});
