import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AnomaliesList } from '@/features/validation/components/anomalies-list';
import type { Anomaly } from '@/features/validation/types';

function anomaly(over: Partial<Anomaly>): Anomaly {
  return {
    id: over.id ?? 'a',
    report_id: 'r1',
    anomaly_id: 'k',
    kind: 'outlier',
    severity: 'medium',
    table: 'orders',
    column: 'amount',
    count: 3,
    explanation: 'values far from the rest',
    ...over,
  };
}

describe('AnomaliesList', () => {
  it('lists ranked anomalies in rank order before unranked ones, with cause and model explanation', () => {
    const list = [
      anomaly({ id: 'old', severity: 'critical', rank: 0, column: 'legacy' }),
      anomaly({ id: 'second', severity: 'high', rank: 2, column: 'total' }),
      anomaly({
        id: 'first',
        severity: 'low',
        rank: 1,
        column: 'price',
        likely_cause: 'the load rounds to two decimals',
        ai_explanation: 'prices were cast to NUMERIC(10,1) by the target DDL',
        explained_by: 'llm:openai/gpt-test',
      }),
    ];
    render(<AnomaliesList anomalies={list} severity="" onSeverity={() => {}} />);
    const items = within(screen.getByRole('list', { name: 'Anomalies' })).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual([
      'Outliers · orders.price',
      'Outliers · orders.total',
      'Outliers · orders.legacy',
    ]);
    expect(within(items[0]!).getByText(/the load rounds to two decimals/)).toBeTruthy();
    expect(within(items[0]!).getByText(/cast to NUMERIC\(10,1\)/)).toBeTruthy();
    expect(within(items[0]!).getByText(/llm:openai\/gpt-test/)).toBeTruthy();
    expect(within(items[1]!).queryByText(/Likely cause/)).toBeNull();
  });
});
