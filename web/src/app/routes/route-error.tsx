import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';
import { Alert } from '@/components/ui/feedback';

/** Shown when a page throws while rendering or its code fails to load. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  const chunkFailed = /dynamically imported module|Importing a module script failed/i.test(message);
  return (
    <main style={{ maxWidth: 640, margin: '80px auto', padding: '0 24px' }}>
      <h1 style={{ marginBottom: 16 }}>Something went wrong</h1>
      <Alert
        tone="error"
        title={chunkFailed ? 'A new version of Godwit may have been installed.' : 'This page failed to display.'}
        action={<Button onClick={() => window.location.reload()}>Reload</Button>}
      >
        <p>{message}</p>
      </Alert>
    </main>
  );
}
