import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/feedback';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export default function NotFoundRoute() {
  useDocumentTitle('Not found');
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <div>
        <h1 style={{ textAlign: 'center' }}>Page not found</h1>
        <EmptyState title="There is nothing at this address." action={<LinkButton to={paths.projects} variant="primary">Go to projects</LinkButton>} />
      </div>
    </main>
  );
}
