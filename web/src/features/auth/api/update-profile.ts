import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProfileUpdate, ProfileUpdateResponse } from '@/api/types';
import { getProfileQueryOptions } from '@/features/auth/api/get-profile';
import { apiRequest } from '@/lib/api-client';
import { startSession, updateSessionUser } from '@/lib/session';

/** A password change revokes every other sign-in and answers with a new session. */
export function updateProfile(body: ProfileUpdate): Promise<ProfileUpdateResponse> {
  return apiRequest<ProfileUpdateResponse>('/api/v1/auth/profile', { method: 'PUT', body, sessionCookie: true });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (result) => {
      if (result.access_token && result.expires_in) {
        startSession({ user: result.user, access_token: result.access_token, expires_in: result.expires_in });
      } else {
        updateSessionUser(result.user);
      }
      queryClient.setQueryData(getProfileQueryOptions().queryKey, result.user);
    },
  });
}
