import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { endSession, resetSessionForTests } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { sampleProject } from '@/testing/sample-data';

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

describe('app routes', () => {
  beforeEach(() => resetSessionForTests());
  afterEach(() => resetSessionForTests());

  it('sends a signed-out visitor to sign-in, keeping the page they wanted', async () => {
    mockFetch({ 'POST /api/v1/auth/refresh': problem(401, 'no refresh token') });
    const router = renderApp('/projects/abc/members?x=1');
    expect(await screen.findByRole('heading', { name: 'Sign in to Godwit' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/projects/abc/members?x=1');
  });

  it('restores the session from the cookie and shows the projects', async () => {
    mockFetch({
      'POST /api/v1/auth/refresh': { body: sampleSession() },
      'GET /api/v1/projects': { body: { items: [sampleProject()], total: 1, limit: 20, offset: 0 } },
    });
    renderApp('/');
    expect(await screen.findByRole('link', { name: 'Warehouse move' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Projects' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('returns to sign-in with a notice when the session ends', async () => {
    mockFetch({
      'POST /api/v1/auth/refresh': { body: sampleSession() },
      'GET /api/v1/projects': { body: { items: [], total: 0, limit: 20, offset: 0 } },
    });
    const router = renderApp('/projects');
    await screen.findByText('No projects yet');
    act(() => endSession('expired'));
    expect(await screen.findByText('Your session has ended')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/projects');
  });

  it('reads the reset token from the link', async () => {
    mockFetch({ 'POST /api/v1/auth/refresh': problem(401, 'no refresh token') });
    renderApp('/reset-password?token=abc');
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^New password/)).toBeInTheDocument();
  });

  it('opens the upload and discovery pages from the phase stepper', async () => {
    const project = sampleProject();
    const base = `/api/v1/projects/${project.id}`;
    mockFetch({
      'POST /api/v1/auth/refresh': { body: sampleSession() },
      [`GET ${base}`]: { body: project },
      [`GET ${base}/files`]: { body: { items: [], total: 0 } },
      [`GET ${base}/connections`]: { body: { items: [], total: 0 } },
      [`GET ${base}/events`]: problem(404, 'no such project'),
      [`GET ${base}/discovery/status`]: { body: { state: 'idle', job: null, latest: null } },
      // Prefetched with the status; unanswered, its retries went on into later test files.
      [`GET ${base}/lineage-graph`]: { body: { snapshot: {}, nodes: [], edges: [], truncated: false, total_nodes: 0 } },
    });
    const router = renderApp(`/projects/${project.id}`);
    const stepper = await screen.findByRole('list', { name: 'Migration phases' }, { timeout: 15_000 });
    await userEvent.click(within(stepper).getByRole('link', { name: 'Upload' }));
    expect(await screen.findByRole('heading', { name: 'Upload schema files' }, { timeout: 15_000 })).toBeInTheDocument();
    expect(await screen.findByText('No files yet')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/projects/${project.id}/upload`);

    await userEvent.click(screen.getByRole('link', { name: 'Go to discovery →' }));
    expect(await screen.findByRole('button', { name: 'Start discovery' }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByText('Not run yet')).toBeInTheDocument();
  }, 60_000);
});
