import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { endSession } from '@/lib/session';

/** Revokes the refresh cookie's sign-in; the local session ends even if that fails. */
export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/api/v1/auth/logout', { method: 'POST', auth: false, sessionCookie: true });
  } finally {
    endSession('signed-out');
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: logout, onSettled: () => queryClient.clear() });
}
