// Everything behind sign-in: waits for the session to be restored, sends anonymous
// visitors to sign-in with the address they wanted, and frames pages in the app shell.
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { AppShell } from '@/components/layouts/app-shell';
import { LoadingState } from '@/components/ui/feedback';
import { FullPageLoader } from '@/components/ui/full-page-loader';
import { paths, signInPath } from '@/config/paths';
import { useLogout } from '@/features/auth/api/logout';
import { useSession } from '@/hooks/use-session';

const NAV = [{ to: paths.projects, label: 'Projects' }] as const;

export default function AppRoot() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  if (session.status === 'loading') return <FullPageLoader />;
  if (session.status === 'anonymous') {
    const wanted = session.reason === 'signed-out' ? undefined : location.pathname + location.search;
    return <Navigate to={signInPath(wanted)} replace />;
  }

  return (
    <AppShell
      user={session.user}
      nav={NAV}
      profileHref={paths.profile}
      signingOut={logout.isPending}
      onSignOut={() => logout.mutate(undefined, { onSettled: () => navigate(paths.signIn, { replace: true }) })}
    >
      <Suspense fallback={<LoadingState />}>
        <Outlet />
      </Suspense>
    </AppShell>
  );
}
