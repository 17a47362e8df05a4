import { Navigate, useSearchParams } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { Alert } from '@/components/ui/feedback';
import { FullPageLoader } from '@/components/ui/full-page-loader';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useSession } from '@/hooks/use-session';
import { safeRedirect } from '@/lib/safe-redirect';

export default function SignInRoute() {
  useDocumentTitle('Sign in');
  const session = useSession();
  const [params] = useSearchParams();
  const next = safeRedirect(params.get('next'));

  if (session.status === 'loading') return <FullPageLoader />;
  if (session.status === 'authenticated') return <Navigate to={next} replace />;

  return (
    <AuthLayout title="Sign in to Godwit" subtitle="Welcome back. Pick up your migrations where you left them.">
      {session.reason === 'expired' ? (
        <Alert tone="warning" title="Your session has ended">
          <p>Sign in again to continue where you left off.</p>
        </Alert>
      ) : null}
      {session.reason === 'signed-out' ? (
        <Alert tone="info">
          <p>You have signed out.</p>
        </Alert>
      ) : null}
      <SignInForm onSuccess={() => undefined} />
    </AuthLayout>
  );
}
