// Who may see and do what, in one place so every route asks the same questions.
// - Federation administrators see everything and manage the directory and definitions.
// - A user sees a project when one of their organizations takes part in it
//   (a row of project_participants), and may act on a task when one of their
//   organizations is bound to the task's assignee role.
// A project the caller may not see is answered 404, exactly like a missing one, so nothing
// reveals another organization's data.
import type { Db } from '../db/database';
import type { CurrentUser } from './app-env';
import { problem } from './errors';

// `in ()` is not valid SQL; a user without organizations matches nothing.
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';
function organizationsOf(user: CurrentUser): string[] {
  return user.organizationIds.length > 0 ? user.organizationIds : [NO_ORGANIZATION];
}

export async function canSeeProject(db: Db, user: CurrentUser, projectId: string): Promise<boolean> {
  if (user.isAdmin) {
    const project = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
    return project !== undefined;
  }
  const row = await db
    .selectFrom('project_participants')
    .select('project_id')
    .where('project_id', '=', projectId)
    .where('organization_id', 'in', organizationsOf(user))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** 404 (never 403) when the project is missing or not the caller's to see. */
export async function assertCanSeeProject(db: Db, user: CurrentUser, projectId: string): Promise<void> {
  if (!(await canSeeProject(db, user, projectId))) {
    throw problem('not-found', 'Projet introuvable.');
  }
}

/** The process roles the user holds in a project through their organizations (sorted). */
export async function rolesOf(db: Db, user: CurrentUser, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_participants')
    .select('role')
    .distinct()
    .where('project_id', '=', projectId)
    .where('organization_id', 'in', organizationsOf(user))
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
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

/**
 * Ids of the projects a non-admin user takes part in, as a subquery for list filters:
 * `.where('projects.id', 'in', visibleProjectIds(db, user))`. Admins need no filter.
 */
export function visibleProjectIds(db: Db, user: CurrentUser) {
  return db
    .selectFrom('project_participants')
    .select('project_participants.project_id')
    .where('project_participants.organization_id', 'in', organizationsOf(user));
}
