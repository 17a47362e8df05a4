import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptimizationsList, sortAdvice } from '@/features/codegen/components/optimizations-list';
import type { CodeAdvice } from '@/features/codegen/types';
import { resetSessionForTests, startSession } from '@/lib/session';
import { mockFetch, sampleSession } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';

const projectId = '22222222-2222-4222-8222-222222222222';

function advice(overrides: Partial<CodeAdvice>): CodeAdvice {
  return {
    id: 'a1',
    advice_id: 'STRING-DATE:orders.order_date',
    platform: 'beam',
    code_id: 'c1',
    rule: 'STRING-DATE',
    type: 'best-practice',
    title: 'Column orders.order_date holds dates as text',
    suggestion: 'order_date DATE',
    impact: 'medium',
    table: 'orders',
    auto_applicable: false,
    applied: false,
    ai_generated: false,
    ...overrides,
  };
}

const items = [
  advice({}),
  advice({ id: 'a2', advice_id: 'reshuffle:orders', rule: 'BEAM-FUSION-BREAK', type: 'performance', auto_applicable: true, suggestion: "rows | beam.Reshuffle()" }),
  advice({ id: 'a3', advice_id: 'old', applied: true, auto_applicable: true, impact: 'high' }),
  advice({ id: 'a4', advice_id: 'big', impact: 'high' }),
];

describe('sortAdvice', () => {
  it('puts open advice first, then by impact, automatic before manual', () => {
    expect(sortAdvice(items).map((a) => a.advice_id)).toEqual(['big', 'reshuffle:orders', 'STRING-DATE:orders.order_date', 'old']);
  });
});

describe('OptimizationsList', { timeout: 30_000 }, () => {
  beforeEach(() => startSession(sampleSession()));
  afterEach(() => resetSessionForTests());

  it('offers apply only for automatic advice not applied yet, and quotes the change', async () => {
    mockFetch({ [`GET /api/v1/projects/${projectId}/codegen/optimizations`]: { body: { items } } });
    const onApply = vi.fn();
    const onShowFile = vi.fn();
    renderWithProviders(<OptimizationsList projectId={projectId} platform="beam" canEdit applying={null} onApply={onApply} onShowFile={onShowFile} />);
    const list = await screen.findByRole('list', { name: 'Optimisation advice' }, { timeout: 15_000 });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(4);
    expect(within(list).getAllByRole('button', { name: /^Apply / }).map((b) => b.getAttribute('aria-label'))).toEqual(['Apply reshuffle:orders']);
    expect(within(rows[1]!).getByText('rows | beam.Reshuffle()')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Make this change by hand.')).toBeInTheDocument();
    expect(within(rows[3]!).getByText('applied')).toBeInTheDocument();
    await userEvent.click(within(list).getByRole('button', { name: 'Apply reshuffle:orders' }));
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ advice_id: 'reshuffle:orders' }));
    await userEvent.click(within(rows[1]!).getByRole('button', { name: 'Show the file' }));
    expect(onShowFile).toHaveBeenCalledWith('c1');
  });

  it('does not let viewers apply advice', async () => {
    mockFetch({ [`GET /api/v1/projects/${projectId}/codegen/optimizations`]: { body: { items } } });
    renderWithProviders(<OptimizationsList projectId={projectId} platform="beam" canEdit={false} applying={null} onApply={vi.fn()} onShowFile={vi.fn()} />);
    expect(await screen.findByRole('button', { name: 'Apply reshuffle:orders' }, { timeout: 15_000 })).toBeDisabled();
  });
});
