// Every client route in one place, so links and the router agree.
import type { PhaseName } from '@/api/types';

export const paths = {
  home: '/',
  signIn: '/sign-in',
  register: '/register',
  forgotPassword: '/forgot-password',
  resetPassword: '/reset-password',
  profile: '/profile',
  projects: '/projects',
  newProject: '/projects/new',
  project: (id: string) => `/projects/${id}`,
  projectSettings: (id: string) => `/projects/${id}/settings`,
  projectMembers: (id: string) => `/projects/${id}/members`,
  projectPhase: (id: string, phase: PhaseName) => `/projects/${id}/${phase}`,
} as const;

/** /sign-in?next=<where the user wanted to go> */
export function signInPath(next?: string): string {
  return next && next !== '/' ? `${paths.signIn}?next=${encodeURIComponent(next)}` : paths.signIn;
}
