/** The in-app path to go to after signing in: only same-origin absolute paths. */
export function safeRedirect(next: string | null | undefined, fallback = '/projects'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next.startsWith('/sign-in') || next.startsWith('/register')) return fallback;
  return next;
}
