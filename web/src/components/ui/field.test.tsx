import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SelectField, TextField } from '@/components/ui/field';

describe('TextField', () => {
  it('labels the input and ties hint and error to it', () => {
    render(<TextField label="Email" hint="Your work address" error="Enter a valid email address." required />);
    const input = screen.getByLabelText(/Email/);
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAttribute('aria-required', 'true');
    expect(input).toHaveAccessibleDescription('Your work address Enter a valid email address.');
  });

  it('is not marked invalid without an error', () => {
    render(<TextField label="Name" />);
    expect(screen.getByLabelText('Name')).not.toHaveAttribute('aria-invalid');
  });
});

describe('SelectField', () => {
  it('offers a placeholder option with an empty value', () => {
    render(<SelectField label="Dialect" placeholder="Any" options={[{ value: 'oracle', label: 'Oracle' }]} defaultValue="" />);
    const select = screen.getByLabelText('Dialect') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(screen.getByRole('option', { name: 'Oracle' })).toBeInTheDocument();
  });
});
