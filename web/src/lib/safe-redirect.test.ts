import { describe, expect, it } from 'vitest';
import { safeRedirect } from '@/lib/safe-redirect';

describe('safeRedirect', () => {
  it('keeps in-app paths and refuses other origins', () => {
    expect(safeRedirect('/projects/1/members?x=1')).toBe('/projects/1/members?x=1');
    expect(safeRedirect('//evil.example')).toBe('/projects');
    expect(safeRedirect('https://evil.example')).toBe('/projects');
    expect(safeRedirect('/\\evil')).toBe('/projects');
    expect(safeRedirect('/sign-in?next=/x')).toBe('/projects');
    expect(safeRedirect(null)).toBe('/projects');
  });
});
