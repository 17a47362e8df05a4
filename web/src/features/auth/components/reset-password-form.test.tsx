import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';
import { mockFetch } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

describe('ResetPasswordForm', () => {
  it('explains a link without a token', () => {
    renderWithProviders(<ResetPasswordForm token={null} />);
    expect(screen.getByText('This link is incomplete')).toBeInTheDocument();
  });

  it('sends the token from the link with the new password', async () => {
    const { calls } = mockFetch({ 'POST /api/v1/auth/reset-password': { status: 204 } });
    renderWithProviders(<ResetPasswordForm token="tok-123" />);
    await userEvent.type(screen.getByLabelText(/^New password/), 'a new long password');
    await userEvent.type(screen.getByLabelText(/^Confirm new password/), 'a new long password');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText('Password changed')).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ token: 'tok-123', new_password: 'a new long password' });
  });
});
