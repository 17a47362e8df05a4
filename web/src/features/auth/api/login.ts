import { useMutation } from '@tanstack/react-query';
import type { LoginRequest, Session } from '@/api/types';
import { apiRequest } from '@/lib/api-client';
import { startSession } from '@/lib/session';

export function login(body: LoginRequest): Promise<Session> {
  return apiRequest<Session>('/api/v1/auth/login', { method: 'POST', body, auth: false, sessionCookie: true });
}

export function useLogin() {
  return useMutation({ mutationFn: login, onSuccess: (session) => startSession(session) });
}
