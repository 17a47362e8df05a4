import { queryOptions, useQuery } from '@tanstack/react-query';
import type { User } from '@/api/types';
import { apiRequest } from '@/lib/api-client';

export function getProfile(signal?: AbortSignal): Promise<User> {
  return apiRequest<User>('/api/v1/auth/profile', { signal });
}

export function getProfileQueryOptions() {
  return queryOptions({ queryKey: ['profile'], queryFn: ({ signal }) => getProfile(signal) });
}

export function useProfile() {
  return useQuery(getProfileQueryOptions());
}
