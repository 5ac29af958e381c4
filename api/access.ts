// Who may see and do what, answered the same way by every route. The questions are queries
// (db/queries/access.ts); here is how the API answers a "no":
// - Federation administrators see everything and manage the directory and definitions.
// - A user sees a project when one of their organizations takes part in it, and may act on
//   a task when one of their organizations is bound to the task's assignee role.
// A project the caller may not see is answered 404, exactly like a missing one, so nothing
// reveals another organization's data.
import type { Db } from '../db/database';
import { canSeeProject, rolesOf } from '../db/queries/access';
import type { CurrentUser } from './app-env';
import { problem } from './errors';

/** 404 (never 403) when the project is missing or not the caller's to see. */
export async function assertCanSeeProject(db: Db, user: CurrentUser, projectId: string): Promise<void> {
  if (!(await canSeeProject(db, user, projectId))) {
    throw problem('not-found', 'Projet introuvable.');
  }
}

/**
 * The caller's roles in a project, with the 404 of `assertCanSeeProject` in the same query:
 * a user who holds no role there takes part in it through none of their organizations. An
 * administrator sees the project when it exists, which the caller knows from a row it read
 * anyway (`exists`).
 */
export async function rolesInVisibleProject(db: Db, user: CurrentUser, projectId: string, exists: boolean): Promise<string[]> {
  const roles = await rolesOf(db, user, projectId);
  if (user.isAdmin ? !exists : roles.length === 0) throw problem('not-found', 'Projet introuvable.');
  return roles;
}
