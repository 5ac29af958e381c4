// Who sees which project and holds which role, as queries, so every list and detail asks
// the same question. A user sees a project when one of their organizations takes part in
// it (a row of project_participants), and holds a process role there when one of their
// organizations is bound to it; federation administrators see every project.
import type { Db } from '../database';

/** Who is asking, as far as seeing projects goes (the API's caller is one). */
export interface Viewer {
  isAdmin: boolean;
  /** Ids of the organizations the user belongs to. */
  organizationIds: string[];
}

// `in ()` is not valid SQL; a user without organizations matches nothing.
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/** Organization ids for an `in` filter: never an empty list, which SQL refuses. */
export function organizationsIn(organizationIds: string[]): string[] {
  return organizationIds.length > 0 ? organizationIds : [NO_ORGANIZATION];
}

export async function canSeeProject(db: Db, viewer: Viewer, projectId: string): Promise<boolean> {
  if (viewer.isAdmin) {
    const project = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
    return project !== undefined;
  }
  const row = await db
    .selectFrom('project_participants')
    .select('project_id')
    .where('project_id', '=', projectId)
    .where('organization_id', 'in', organizationsIn(viewer.organizationIds))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The process roles the user holds in a project through their organizations (sorted). */
export async function rolesOf(db: Db, viewer: Viewer, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_participants')
    .select('role')
    .distinct()
    .where('project_id', '=', projectId)
    .where('organization_id', 'in', organizationsIn(viewer.organizationIds))
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}

/**
 * Ids of the projects a non-admin user takes part in, as a subquery for list filters:
 * `.where('projects.id', 'in', visibleProjectIds(db, viewer))`. Admins need no filter.
 */
export function visibleProjectIds(db: Db, viewer: Viewer) {
  return db
    .selectFrom('project_participants')
    .select('project_participants.project_id')
    .where('project_participants.organization_id', 'in', organizationsIn(viewer.organizationIds));
}
