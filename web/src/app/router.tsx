// Routes. Sign-in and the projects list load with the app; every other page is its own
// chunk, fetched on first visit.
import { lazy } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration, type RouteObject } from 'react-router';
import ForgotPasswordRoute from '@/app/routes/auth/forgot-password';
import RegisterRoute from '@/app/routes/auth/register';
import ResetPasswordRoute from '@/app/routes/auth/reset-password';
import SignInRoute from '@/app/routes/auth/sign-in';
import AppRoot from '@/app/routes/app/root';
import ProjectsRoute from '@/app/routes/app/projects/list';
import NotFoundRoute from '@/app/routes/not-found';
import { RouteError } from '@/app/routes/route-error';
import { paths } from '@/config/paths';

const NewProjectRoute = lazy(() => import('@/app/routes/app/projects/new'));
const ProjectLayout = lazy(() => import('@/app/routes/app/projects/project-layout'));
const ProjectOverviewRoute = lazy(() => import('@/app/routes/app/projects/overview'));
const ProjectMembersRoute = lazy(() => import('@/app/routes/app/projects/members'));
const ProjectSettingsRoute = lazy(() => import('@/app/routes/app/projects/settings'));
const ProjectPhaseRoute = lazy(() => import('@/app/routes/app/projects/phase'));
const ProjectUploadRoute = lazy(() => import('@/app/routes/app/projects/upload'));
const ProjectDiscoveryRoute = lazy(() => import('@/app/routes/app/projects/discovery'));
const ProjectMappingRoute = lazy(() => import('@/app/routes/app/projects/mapping'));
const ProjectCodegenRoute = lazy(() => import('@/app/routes/app/projects/codegen'));
const ProjectValidationRoute = lazy(() => import('@/app/routes/app/projects/validation'));
const ProfileRoute = lazy(() => import('@/app/routes/app/profile'));

/** New pages start at the top; back and forward restore where the user was. */
function RootLayout() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteError />,
    children: [
      { path: paths.signIn, element: <SignInRoute /> },
      { path: paths.register, element: <RegisterRoute /> },
      { path: paths.forgotPassword, element: <ForgotPasswordRoute /> },
      { path: paths.resetPassword, element: <ResetPasswordRoute /> },
      {
        element: <AppRoot />,
        children: [
          { path: paths.home, element: <Navigate to={paths.projects} replace /> },
          { path: paths.projects, element: <ProjectsRoute /> },
          { path: paths.newProject, element: <NewProjectRoute /> },
          { path: paths.profile, element: <ProfileRoute /> },
          {
            path: '/projects/:id',
            element: <ProjectLayout />,
            children: [
              { index: true, element: <ProjectOverviewRoute /> },
              { path: 'members', element: <ProjectMembersRoute /> },
              { path: 'settings', element: <ProjectSettingsRoute /> },
              { path: 'upload', element: <ProjectUploadRoute /> },
              { path: 'discovery', element: <ProjectDiscoveryRoute /> },
              { path: 'mapping', element: <ProjectMappingRoute /> },
              { path: 'codegen', element: <ProjectCodegenRoute /> },
              { path: 'validation', element: <ProjectValidationRoute /> },
              { path: ':phase', element: <ProjectPhaseRoute /> },
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
