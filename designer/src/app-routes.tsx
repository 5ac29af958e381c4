// Every page's address. Pages behind `RequireSession` send a signed-out visitor to
// /connexion?suite=<where they were going>, so links from e-mails and calendars land on their
// page after sign-in.
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { PageLoader } from './components/page-states';
import { AppShellLayout } from './layout/app-shell';
import { InboxPage } from './pages/inbox-page';
import { NotFoundPage } from './pages/not-found-page';
import { SignInPage } from './pages/sign-in-page';
import { isAdministrator, isFederationStaff } from './session/permissions';
import { useSession, type Me } from './session/session';

// Pages past the inbox load on first visit, so a person's first screen downloads neither
// the designer (React Flow, layout) nor the administration.
const page = <K extends string>(load: () => Promise<Record<K, () => ReactNode>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));
const TaskPage = page(() => import('./pages/task-page'), 'TaskPage');
const ProjectPage = page(() => import('./pages/project-page'), 'ProjectPage');
const PortfolioPage = page(() => import('./pages/portfolio-page'), 'PortfolioPage');
const StartProjectPage = page(() => import('./pages/start-project-page'), 'StartProjectPage');
const CalendarPage = page(() => import('./pages/calendar-page'), 'CalendarPage');
const AdministrationPage = page(() => import('./pages/administration-page'), 'AdministrationPage');
const DefinitionsPage = page(() => import('./pages/definitions-page'), 'DefinitionsPage');
const DefinitionEditorPage = page(() => import('./pages/definition-editor-page'), 'DefinitionEditorPage');

function RequireSession({ children, allow }: { children: ReactNode; allow?: (me: Me) => boolean }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label="Chargement" />
      </Center>
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/connexion' : `/connexion?suite=${encodeURIComponent(next)}`} replace />;
  }
  if (allow && !allow(me)) return <NotFoundPage />;
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoader />}>
      <Routes>
        <Route path="/connexion" element={<SignInPage />} />
        <Route
          element={
            <RequireSession>
              <AppShellLayout />
            </RequireSession>
          }
        >
          <Route index element={<InboxPage />} />
          <Route path="portefeuille" element={<RequireSession allow={isFederationStaff}><PortfolioPage /></RequireSession>} />
          <Route path="projets/nouveau" element={<RequireSession allow={isAdministrator}><StartProjectPage /></RequireSession>} />
          <Route path="calendrier" element={<CalendarPage />} />
          <Route path="administration" element={<RequireSession allow={isAdministrator}><AdministrationPage /></RequireSession>} />
          <Route path="projects/:id" element={<ProjectPage />} />
          <Route path="projects/:id/tasks/:task" element={<TaskPage />} />
          <Route path="processus" element={<RequireSession allow={isAdministrator}><DefinitionsPage /></RequireSession>} />
          <Route path="processus/:key" element={<RequireSession allow={isAdministrator}><DefinitionEditorPage /></RequireSession>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

