import { useSyncExternalStore } from 'react';
import type { User } from '@/api/types';
import { getSessionState, subscribeSession, type SessionState } from '@/lib/session';

export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSessionState, getSessionState);
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useCurrentUser(): User {
  const session = useSession();
  if (session.status !== 'authenticated') throw new Error('useCurrentUser outside a signed-in route');
  return session.user;
}
