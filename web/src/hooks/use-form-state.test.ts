import { describe, expect, it } from 'vitest';
import { fieldMessage } from '@/hooks/use-form-state';

describe('fieldMessage', () => {
  it('names the field for fragments and keeps sentences', () => {
    expect(fieldMessage('current_password', 'is incorrect')).toBe('Current password is incorrect');
    expect(fieldMessage('name', 'must not be empty')).toBe('Name must not be empty');
    expect(fieldMessage('email', 'enter an address like name@example.com')).toBe('Enter an address like name@example.com');
    expect(fieldMessage('new_password', 'The password is too short.')).toBe('The password is too short.');
  });
});
