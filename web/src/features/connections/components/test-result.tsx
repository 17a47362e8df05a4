// The server's answer to "test connection", in its own words.
import { Alert, ErrorState } from '@/components/ui/feedback';
import type { ConnectionTestResult } from '@/features/connections/types';

const SKIP = new Set(['ok', 'message', 'detail', 'error']);

export function TestResult({ result, error }: { result: ConnectionTestResult | undefined; error: unknown }) {
  if (error) return <ErrorState error={error} title="The connection test failed" />;
  if (!result) return null;
  const sentence = result.message ?? result.detail ?? result.error ?? (result.ok ? 'Connected.' : 'The database did not answer.');
  const facts = Object.entries(result).filter(([k, v]) => !SKIP.has(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'));
  return (
    <Alert tone={result.ok ? 'success' : 'error'} title={result.ok ? 'Connection works' : 'Connection failed'}>
      <p>{sentence}</p>
      {facts.length > 0 ? (
        <ul>
          {facts.map(([k, v]) => (
            <li key={k}>
              {k.replace(/_/g, ' ')}: {String(v)}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
