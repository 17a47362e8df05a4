import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { RegisterForm } from '@/features/auth/components/register-form';
import { resetSessionForTests } from '@/lib/session';
import { mockFetch, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

describe('RegisterForm', () => {
  afterEach(() => resetSessionForTests());

  it('checks password length and confirmation before sending', async () => {
    const { fn } = mockFetch({});
    renderWithProviders(<RegisterForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText(/^Full name/), 'Ada');
    await userEvent.type(screen.getByLabelText(/^Work email/), 'ada@example.com');
    await userEvent.type(screen.getByLabelText(/^Password/), 'short');
    await userEvent.type(screen.getByLabelText(/^Confirm password/), 'other');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByText('Use at least 10 characters.')).toBeInTheDocument();
    expect(screen.getByText('The passwords do not match.')).toBeInTheDocument();
    expect(fn).not.toHaveBeenCalled();
  });

  it("puts the server's per-field message next to the field", async () => {
    mockFetch({
      'POST /api/v1/auth/register': problem(409, 'an account with this email already exists', [
        { field: 'email', message: 'is already registered' },
      ]),
    });
    renderWithProviders(<RegisterForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText(/^Full name/), 'Ada');
    await userEvent.type(screen.getByLabelText(/^Work email/), 'ada@example.com');
    await userEvent.type(screen.getByLabelText(/^Password/), 'long enough password');
    await userEvent.type(screen.getByLabelText(/^Confirm password/), 'long enough password');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Email is already registered')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Work email/)).toHaveAttribute('aria-invalid', 'true');
  });
});
