import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MembersPanel } from '@/features/projects/components/members-panel';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession, sampleUser } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { sampleProject } from '@/testing/sample-data';

const project = sampleProject();
const base = `/api/v1/projects/${project.id}/members`;
const other = {
  user_id: '44444444-4444-4444-8444-444444444444',
  email: 'bo@example.com',
  name: 'Bo Builder',
  role: 'viewer' as const,
  added_at: '2026-01-03T00:00:00Z',
};
const members = {
  items: [{ user_id: sampleUser.id, email: sampleUser.email, name: sampleUser.name, role: 'owner' as const, added_at: '2026-01-01T00:00:00Z' }, other],
  total: 2,
};

describe('MembersPanel', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('lets an owner change a role', async () => {
    const { calls } = mockFetch({
      [`GET ${base}`]: { body: members },
      [`PUT ${base}/${other.user_id}`]: { body: { ...other, role: 'editor' } },
    });
    renderWithProviders(<MembersPanel project={project} currentUserId={sampleUser.id} onLeft={() => {}} />);
    const table = await screen.findByRole('table', { name: 'Project members' });
    await userEvent.selectOptions(within(table).getByLabelText('Role of Bo Builder'), 'editor');
    await vi.waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ role: 'editor' });
    expect(await screen.findByText('Bo Builder is now editor')).toBeInTheDocument();
  });

  it("shows the server's reason when adding fails", async () => {
    mockFetch({
      [`GET ${base}`]: { body: members },
      [`POST ${base}`]: problem(422, 'no account uses this email', [{ field: 'email', message: 'has no account' }]),
    });
    renderWithProviders(<MembersPanel project={project} currentUserId={sampleUser.id} onLeft={() => {}} />);
    const form = screen.getByRole('form', { name: 'Add a member' });
    await userEvent.type(within(form).getByLabelText(/^Email/), 'ghost@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Add member' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('no account uses this email');
    expect(within(form).getByText('Email has no account')).toBeInTheDocument();
  });

  it('shows viewers the list without controls', async () => {
    mockFetch({ [`GET ${base}`]: { body: members } });
    renderWithProviders(
      <MembersPanel project={sampleProject({ role: 'viewer' })} currentUserId={other.user_id} onLeft={() => {}} />,
    );
    const table = await screen.findByRole('table', { name: 'Project members' });
    expect(screen.queryByRole('form', { name: 'Add a member' })).not.toBeInTheDocument();
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(table).getByRole('button', { name: /Leave/ })).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
  });
});
