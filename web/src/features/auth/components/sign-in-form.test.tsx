import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { getSessionState, resetSessionForTests } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

describe('SignInForm', () => {
  beforeEach(() => resetSessionForTests({ status: 'anonymous', reason: 'none' }));
  afterEach(() => resetSessionForTests());

  it('validates before sending anything', async () => {
    const { fn } = mockFetch({});
    renderWithProviders(<SignInForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText(/^Email/), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter a valid email address, like name@example.com.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Email/)).toHaveFocus();
    expect(fn).not.toHaveBeenCalled();
  });

  it("shows the server's message for a wrong password", async () => {
    mockFetch({ 'POST /api/v1/auth/login': problem(401, 'the email or password is incorrect') });
    renderWithProviders(<SignInForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText(/^Email/), 'ada@example.com');
    await userEvent.type(screen.getByLabelText(/^Password/), 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the email or password is incorrect');
    expect(getSessionState().status).toBe('anonymous');
  });

  it('starts the session on success, asking for the refresh cookie', async () => {
    const onSuccess = vi.fn();
    const { calls } = mockFetch({ 'POST /api/v1/auth/login': { body: sampleSession('tok') } });
    renderWithProviders(<SignInForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText(/^Email/), ' ada@example.com ');
    await userEvent.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(calls[0]?.body).toEqual({ email: 'ada@example.com', password: 'correct horse battery' });
    expect(calls[0]?.headers['X-Godwit-Session']).toBe('cookie');
    expect(getSessionState().status).toBe('authenticated');
  });
});
