// App-wide providers: the query cache (cleared when the session ends), toasts, and the
// one-time session restore from the refresh cookie.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ToastProvider } from '@/components/ui/toast';
import { createQueryClient } from '@/lib/query-client';
import { getSessionState, restoreSession, subscribeSession } from '@/lib/session';

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());

  useEffect(() => {
    void restoreSession();
    let previous = getSessionState().status;
    return subscribeSession(() => {
      const status = getSessionState().status;
      if (status === 'anonymous' && previous === 'authenticated') client.clear();
      previous = status;
    });
  }, [client]);

  // A cache this provider made ends with it: queries still retrying would otherwise go on
  // fetching for a page that is gone (tests mount one app after another in one window).
  useEffect(() => {
    if (queryClient) return undefined;
    return () => {
      void client.cancelQueries();
      client.clear();
    };
  }, [client, queryClient]);

  return (
    <QueryClientProvider client={client}>
      <ToastProvider>{children}</ToastProvider>
    </QueryClientProvider>
  );
}
