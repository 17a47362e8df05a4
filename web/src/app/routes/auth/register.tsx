import { Navigate } from 'react-router';
import { AuthLayout } from '@/components/layouts/auth-layout';
import { FullPageLoader } from '@/components/ui/full-page-loader';
import { paths } from '@/config/paths';
import { RegisterForm } from '@/features/auth/components/register-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { useSession } from '@/hooks/use-session';

export default function RegisterRoute() {
  useDocumentTitle('Create account');
  const session = useSession();
  if (session.status === 'loading') return <FullPageLoader />;
  if (session.status === 'authenticated') return <Navigate to={paths.projects} replace />;
  return (
    <AuthLayout title="Create your account" subtitle="Start planning a migration in a couple of minutes.">
      <RegisterForm onSuccess={() => undefined} />
    </AuthLayout>
  );
}
