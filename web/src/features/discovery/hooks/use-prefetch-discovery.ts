// Prefetches the discovery page's data while the page around it is still loading (the
// project, the page's code), when the address is the discovery page.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { prefetchDiscoveryPage } from '@/features/discovery/api/prefetch-discovery';

export function usePrefetchDiscovery(projectId: string, enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (enabled && projectId) prefetchDiscoveryPage(queryClient, projectId);
  }, [enabled, projectId, queryClient]);
}
