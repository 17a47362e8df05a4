import { LoadingState } from '@/components/ui/feedback';

export function FullPageLoader({ label = 'Loading Godwit…' }: { label?: string }) {
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <LoadingState label={label} />
    </main>
  );
}
