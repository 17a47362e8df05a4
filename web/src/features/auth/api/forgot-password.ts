import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';

export function forgotPassword(email: string): Promise<{ message?: string }> {
  return apiRequest<{ message?: string }>('/api/v1/auth/forgot-password', {
    method: 'POST',
    body: { email },
    auth: false,
  });
}

export function useForgotPassword() {
  return useMutation({ mutationFn: forgotPassword });
}
