import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CreateProject } from '@/features/projects/components/create-project';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, problem, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { sampleProject, sampleTemplate } from '@/testing/sample-data';

describe('CreateProject', () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('creates from a template: gallery, then name, sending template_id', async () => {
    const onCreated = vi.fn();
    const { calls } = mockFetch({
      'GET /api/v1/project-templates': { body: { items: [sampleTemplate], total: 1 } },
      'POST /api/v1/projects': { status: 201, body: sampleProject({ name: 'My warehouse' }) },
    });
    renderWithProviders(<CreateProject onCreated={onCreated} onCancel={() => {}} />);
    const card = await screen.findByRole('article', { name: 'Oracle to BigQuery warehouse' });
    expect(card).toHaveTextContent('High complexity');
    expect(card).toHaveTextContent('6–10 weeks');
    expect(card).toHaveTextContent('analytics');
    await userEvent.click(screen.getByRole('button', { name: 'Use this template' }));
    const name = screen.getByLabelText(/^Project name/);
    expect(name).toHaveValue('Oracle to BigQuery warehouse');
    await userEvent.clear(name);
    await userEvent.type(name, 'My warehouse');
    await userEvent.click(screen.getByRole('button', { name: 'Create project' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalled());
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toMatchObject({
      name: 'My warehouse',
      template_id: sampleTemplate.id,
      source_dialect: 'oracle',
      target_dialect: 'bigquery',
    });
  });

  it('from scratch: requires name and dialects before sending', async () => {
    const { calls } = mockFetch({ 'GET /api/v1/project-templates': { body: { items: [], total: 0 } } });
    renderWithProviders(<CreateProject onCreated={() => {}} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'From scratch' }));
    await userEvent.click(screen.getByRole('button', { name: 'Create project' }));
    expect(screen.getByText('Give the project a name.')).toBeInTheDocument();
    expect(screen.getByText('Choose the dialect you migrate from.')).toBeInTheDocument();
    expect(screen.getByText('Choose the dialect you migrate to.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('shows a failing template list with a retry', async () => {
    mockFetch({ 'GET /api/v1/project-templates': problem(500, 'the store is unavailable') });
    renderWithProviders(<CreateProject onCreated={() => {}} onCancel={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('the store is unavailable');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
