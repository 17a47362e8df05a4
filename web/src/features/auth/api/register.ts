import { useMutation } from '@tanstack/react-query';
import type { RegisterRequest, Session } from '@/api/types';
import { apiRequest } from '@/lib/api-client';
import { startSession } from '@/lib/session';

export function register(body: RegisterRequest): Promise<Session> {
  return apiRequest<Session>('/api/v1/auth/register', { method: 'POST', body, auth: false, sessionCookie: true });
}

export function useRegister() {
  return useMutation({ mutationFn: register, onSuccess: (session) => startSession(session) });
}
