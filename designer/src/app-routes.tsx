// Every page's address. Pages behind `RequireSession` send a signed-out visitor to
// /connexion?suite=<where they were going>, so links from e-mails and calendars land on their
// page after sign-in.
import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { AppShellLayout } from './layout/app-shell';
import { DefinitionEditorPage } from './pages/definition-editor-page';
import { DefinitionsPage } from './pages/definitions-page';
import { InboxPage } from './pages/inbox-page';
import { NotFoundPage } from './pages/not-found-page';
import { ProjectPage } from './pages/project-page';
import { SignInPage } from './pages/sign-in-page';
import { TaskPage } from './pages/task-page';
import { isAdministrator, isFederationStaff } from './session/permissions';
import { useSession, type Me } from './session/session';

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
        <Route path="projects/:id" element={<ProjectPage />} />
        <Route path="projects/:id/tasks/:task" element={<TaskPage />} />
        <Route path="processus" element={<RequireSession allow={isAdministrator}><DefinitionsPage /></RequireSession>} />
        <Route path="processus/:key" element={<RequireSession allow={isAdministrator}><DefinitionEditorPage /></RequireSession>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export { isAdministrator, isFederationStaff };
