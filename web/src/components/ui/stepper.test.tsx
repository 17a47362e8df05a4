import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { Stepper } from '@/components/ui/stepper';

describe('Stepper', () => {
  it('marks the next step as current and says what each state is', () => {
    render(
      <MemoryRouter>
        <Stepper
          label="Phases"
          steps={[
            { key: 'a', label: 'Upload', state: 'completed', href: '/a' },
            { key: 'b', label: 'Discovery', state: 'current' },
            { key: 'c', label: 'Mapping', state: 'blocked', note: 'Waiting for Discovery' },
          ]}
        />
      </MemoryRouter>,
    );
    const items = within(screen.getByRole('list', { name: 'Phases' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Done');
    expect(within(items[0]!).getByRole('link', { name: 'Upload' })).toHaveAttribute('href', '/a');
    expect(items[1]).toHaveAttribute('aria-current', 'step');
    expect(items[1]).toHaveTextContent('Next');
    expect(items[2]).toHaveTextContent('Blocked');
    expect(items[2]).toHaveTextContent('Waiting for Discovery');
  });
});
