// Projects in the read model: the one place a project's row comes in (`insertProject`,
// whether the API starts it or it is a subprocess whose first step is being recorded), the
// filtered, keyset-paginated list, and one project with its definition, bindings, open
// tasks and timeline, as the API answers them. Reads see only what the viewer may see
// (access.ts).
import { sql, type Kysely } from 'kysely';
import type { Database, Db } from '../database';
import { decodeCursor, DEFAULT_LIMIT, KEY_TIMESTAMP, KEY_UUID, pageOf } from '../pagination';
import type { Project, ProjectStatus } from '../tables/project';
import { phaseLabel } from '../../dsl/labels';
import type { Definition } from '../../dsl/schema';
import { rolesOf, visibleProjectIds, type Viewer } from './access';
import { definitionOf, definitionsOf } from './definitions';
import { toTaskSummary } from './tasks';

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

// Full microsecond precision: a JavaScript Date would round the key and skip or repeat rows.
export const sortText = (column: string) =>
  sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function toProjectSummary(row: Project, now: Date, definition: Definition | undefined) {
  return {
    id: row.id,
    title: row.title,
    definition_key: row.definition_key,
    definition_version: row.definition_version,
    status: row.status,
    result: row.result,
    blocked_reason: row.blocked_reason,
    phase: row.phase,
    phase_label: phaseLabel(definition, row.phase),
    academie: row.academie,
    next_due_at: row.next_due_at?.toISOString() ?? null,
    overdue: row.status === 'running' && row.next_due_at !== null && row.next_due_at < now,
    parent_project_id: row.parent_project_id,
    started_at: row.started_at.toISOString(),
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

export interface ProjectFilters {
  status?: ProjectStatus;
  phase?: string;
  academie?: string;
  overdue?: boolean;
  q?: string;
  definition_key?: string;
  limit?: number;
  cursor?: string;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first; `next_cursor` continues after the last item. */
export async function listProjects(db: Db, user: Viewer, filters: ProjectFilters, now: Date) {
  const limit = filters.limit ?? DEFAULT_LIMIT;
  let query = db.selectFrom('projects').selectAll().select(sortText('started_at').as('sort_at'));
  if (!user.isAdmin) query = query.where('id', 'in', visibleProjectIds(db, user));
  if (filters.status) query = query.where('status', '=', filters.status);
  if (filters.phase) query = query.where('phase', '=', filters.phase);
  if (filters.academie) query = query.where('academie', '=', filters.academie);
  if (filters.definition_key) query = query.where('definition_key', '=', filters.definition_key);
  if (filters.q && filters.q.trim() !== '') query = query.where('title', 'ilike', likePattern(filters.q.trim()));
  if (filters.overdue === true) {
    query = query.where('status', '=', 'running').where('next_due_at', '<', now);
  } else if (filters.overdue === false) {
    query = query.where((eb) => eb.or([eb('status', '!=', 'running'), eb('next_due_at', 'is', null), eb('next_due_at', '>=', now)]));
  }
  if (filters.cursor) {
    const [at, id] = decodeCursor(filters.cursor, [KEY_TIMESTAMP, KEY_UUID]);
    query = query.where(sql<boolean>`(started_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  const page = pageOf(rows, limit, (r) => [r.sort_at, r.id]);
  const definitions = await definitionsOf(db, page.items);
  return {
    items: page.items.map((r) => toProjectSummary(r, now, definitions.get(`${r.definition_key}@${r.definition_version}`))),
    next_cursor: page.nextCursor,
  };
}

const TIMELINE_LIMIT = 500;

/** One project as its detail page shows it; undefined when it does not exist. */
export async function projectDetail(db: Db, user: Viewer, projectId: string, now: Date) {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirst();
  if (!row) return undefined;
  const [definition, participants, tasks, events, myRoles] = await Promise.all([
    definitionOf(db, row.definition_key, row.definition_version),
    db
      .selectFrom('project_participants as p')
      .innerJoin('organizations as o', 'o.id', 'p.organization_id')
      .select(['p.role', 'o.id', 'o.name'])
      .where('p.project_id', '=', projectId)
      .orderBy('p.role')
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('status', '=', 'open')
      .orderBy(sql`due_at asc nulls last`)
      .orderBy('task_id')
      .execute(),
    // The latest events, shown oldest first.
    db
      .selectFrom('events')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('seq', 'desc')
      .orderBy('idx', 'desc')
      .limit(TIMELINE_LIMIT)
      .execute(),
    rolesOf(db, user, projectId),
  ]);
  const bindings: Record<string, { id: string; name: string }[]> = {};
  for (const p of participants) (bindings[p.role] ??= []).push({ id: p.id, name: p.name });
  const phases = definition?.phases ?? [];
  return {
    ...toProjectSummary(row, now, definition),
    variables: row.variables,
    definition: {
      key: row.definition_key,
      version: row.definition_version,
      name: definition?.name ?? row.definition_key,
      phases: phases.map((p) => ({ key: p.key, label: p.label })),
      roles: (definition?.roles ?? []).map((r) => ({ key: r.key, label: r.label })),
    },
    bindings,
    my_roles: myRoles,
    open_tasks: tasks.map((t) => toTaskSummary(t, myRoles, row.status, now)),
    timeline: events.reverse().map((e) => ({
      seq: e.seq,
      idx: e.idx,
      at: e.at.toISOString(),
      type: e.type,
      node: e.node,
      task_id: e.task_id,
      data: withIsoDue(e.data),
    })),
  };
}

/** Where a project stands (and the workflow that runs it), read before acting on it. */
export async function projectState(db: Db, projectId: string) {
  return db.selectFrom('projects').select(['status', 'phase', 'workflow_id']).where('id', '=', projectId).executeTakeFirst();
}

/** The sequence number of the project's last recorded step (0: none yet); undefined without the row. */
export async function lastRecordedStep(db: Db, projectId: string): Promise<number | undefined> {
  const row = await db.selectFrom('projects').select('last_seq').where('id', '=', projectId).executeTakeFirst();
  return row?.last_seq;
}

/** The workflow that runs a project (a subprocess's id is not `workflowIdFor` its id). */
export async function workflowOf(db: Db, projectId: string): Promise<{ workflowId: string } | undefined> {
  const row = await db.selectFrom('projects').select('workflow_id').where('id', '=', projectId).executeTakeFirst();
  return row && { workflowId: row.workflow_id };
}

/** A due instant as every other one, ISO 8601; rows written before that hold epoch ms. */
function withIsoDue(data: Record<string, unknown>): Record<string, unknown> {
  return typeof data.due === 'number' ? { ...data, due: new Date(data.due).toISOString() } : data;
}
