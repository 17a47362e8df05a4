import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Project } from '@/api/types';
import ProjectPhaseRoute from '@/app/routes/app/projects/phase';
import { ToastProvider } from '@/components/ui/toast';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { sampleProject } from '@/testing/sample-data';

function renderPhase(project: Project, phase: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/projects/:id',
        element: <Outlet context={{ project }} />,
        children: [
          { index: true, element: <p>overview</p> },
          { path: ':phase', element: <ProjectPhaseRoute /> },
        ],
      },
    ],
    { initialEntries: [`/projects/${project.id}/${phase}`] },
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return router;
}

describe('phase page', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('says plainly that the phase is not available yet and what blocks it', () => {
    renderPhase(sampleProject(), 'mapping');
    expect(screen.getByText('Mapping is not available yet')).toBeInTheDocument();
    expect(screen.getByText(/finish/)).toHaveTextContent('Blocked: finish Discovery first.');
    expect(screen.getByRole('button', { name: 'Mark mapping as done' })).toBeDisabled();
  });

  it("records progress by hand and shows the server's refusal", async () => {
    const project = sampleProject();
    const { calls } = mockFetch({
      [`POST /api/v1/projects/${project.id}/phases/discovery`]: problem(409, 'finish upload first'),
    });
    renderPhase(project, 'discovery');
    await userEvent.click(screen.getByRole('button', { name: 'Mark discovery as done' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('finish upload first');
    expect(calls[0]?.body).toEqual({ action: 'complete' });
  });

  it('sends unknown phases back to the overview', async () => {
    const router = renderPhase(sampleProject(), 'nonsense');
    await vi.waitFor(() => expect(router.state.location.pathname).toBe(`/projects/${sampleProject().id}`));
  });
});
