import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TemplateList } from '@/api/types';
import { apiRequest } from '@/lib/api-client';

export function getTemplates(signal?: AbortSignal): Promise<TemplateList> {
  return apiRequest<TemplateList>('/api/v1/project-templates', { signal });
}

export function getTemplatesQueryOptions() {
  return queryOptions({ queryKey: ['project-templates'], queryFn: ({ signal }) => getTemplates(signal), staleTime: 5 * 60_000 });
}

export function useTemplates() {
  return useQuery(getTemplatesQueryOptions());
}
