// Writes of a project's own row: the one place a project comes into the read model, whether
// the API starts it or it is a subprocess whose first step is being recorded.
import type { Kysely } from 'kysely';
import type { Database } from '../database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface NewProject {
  id: string;
  workflowId: string;
  title: string;
  definitionKey: string;
  definitionVersion: number;
  /** Process role key → organization ids. */
  bindings: Record<string, string[]>;
  parentProjectId?: string | null;
  createdBy?: string | null;
  /** Default: now (the database's clock). */
  startedAt?: Date;
}

/**
 * Inserts a project's row and its participants, unless the row exists (then nothing, and
 * false). It is filed under the académie of the organizations bound to it, an association's
 * first (it carries the project), then by name for a stable answer. Organization ids that
 * name nothing are left out of the participants: in a recorded step a foreign-key error would
 * only make the activity retry forever.
 */
export async function insertProject(db: Kysely<Database>, project: NewProject): Promise<boolean> {
  const orgIds = [...new Set(Object.values(project.bindings).flat())].filter((id) => UUID.test(id));
  const organizations =
    orgIds.length === 0
      ? []
      : await db
          .selectFrom('organizations')
          .select(['id', 'academie'])
          .where('id', 'in', orgIds)
          .orderBy((eb) => eb('kind', '=', 'association'), 'desc')
          .orderBy('name')
          .execute();
  const inserted = await db
    .insertInto('projects')
    .values({
      id: project.id,
      workflow_id: project.workflowId,
      title: project.title,
      definition_key: project.definitionKey,
      definition_version: project.definitionVersion,
      result: null,
      phase: null,
      next_due_at: null,
      academie: organizations.find((o) => o.academie !== null)?.academie ?? null,
      parent_project_id: project.parentProjectId ?? null,
      created_by: project.createdBy ?? null,
      ...(project.startedAt ? { started_at: project.startedAt } : {}),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  const known = new Set(organizations.map((o) => o.id));
  const participants = Object.entries(project.bindings).flatMap(([role, ids]) =>
    [...new Set(ids)].filter((id) => known.has(id)).map((organization_id) => ({ project_id: project.id, role, organization_id })),
  );
  if (participants.length > 0) await db.insertInto('project_participants').values(participants).execute();
  return true;
}
