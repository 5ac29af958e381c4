// Writes of the audit trail, shared by the API (its own decisions, written in the
// transaction of the change) and by the activity that records a workflow step (a task
// completion, decided by the workflow, written in the step's transaction so it lands exactly
// when the step does, once). Rows are never updated: the table refuses it.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';
import { toJson } from '../json';

export const AUDIT_TYPES = [
  'task.completed',
  'project.started',
  'project.bindings_set',
  'project.cancelled',
  'definition.published',
  'user.created',
  'user.updated',
  'user.anonymised',
  'organization.created',
  'organization.updated',
  'token.created',
  'token.revoked',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditRow {
  type: AuditType;
  actorUserId: string | null;
  /** On behalf of which organization. */
  organizationId: string | null;
  projectId?: string | null;
  subject?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export async function insertAuditEvent(db: Kysely<Database>, row: AuditRow): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: row.actorUserId,
      organization_id: row.organizationId,
      type: row.type,
      project_id: row.projectId ?? null,
      subject: row.subject ?? null,
      before: row.before == null ? null : toJson(row.before),
      after: row.after == null ? null : toJson(row.after),
    })
    .execute();
}

/**
 * The organization a user acts for outside a project role: their only one, else the
 * federation's among theirs, else the first by name; null without any.
 */
export async function actingOrganization(db: Kysely<Database>, organizationIds: string[]): Promise<string | null> {
  if (organizationIds.length <= 1) return organizationIds[0] ?? null;
  const row = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', 'in', organizationIds)
    .orderBy(sql`kind = 'federation'`, 'desc')
    .orderBy('name')
    .executeTakeFirst();
  return row?.id ?? null;
}

export interface TaskCompletion {
  projectId: string;
  taskId: string;
  /** Who completed it; an id that names no user is written as no one (never an FK error). */
  actorUserId: string | null;
  outcome: string;
  values: Record<string, unknown>;
  comment: string | null;
  /** The project's phase after the step. */
  phase: string | null;
}

/**
 * The `task.completed` row, in one statement that reads what it needs where it stands: the
 * actor's organization bound to the task's assignee role (whom the completion speaks for;
 * the first by id), and before the step's own writes (call it first in the step's
 * transaction), the task's status and its form's values among the project's variables.
 * Nothing is written when the task has no row, nor when the trail has this completion
 * already (a read model rebuilt from Temporal beside a restored trail).
 */
export async function recordTaskCompletion(trx: Kysely<Database>, c: TaskCompletion): Promise<void> {
  const actor = c.actorUserId && UUID.test(c.actorUserId) ? c.actorUserId : null;
  const after = { status: 'completed', outcome: c.outcome, values: c.values, comment: c.comment, phase: c.phase };
  await trx
    .insertInto('audit_events')
    .columns(['actor_user_id', 'organization_id', 'type', 'project_id', 'subject', 'before', 'after'])
    .expression(
      trx
        .selectFrom('tasks as t')
        .innerJoin('projects as p', 'p.id', 't.project_id')
        .leftJoin('users as u', (join) => join.on('u.id', '=', sql<string>`${actor}::uuid`))
        .select((eb) => [
          'u.id',
          eb
            .selectFrom('project_participants as pp')
            .innerJoin('memberships as m', 'm.organization_id', 'pp.organization_id')
            .select('pp.organization_id')
            .whereRef('pp.project_id', '=', 't.project_id')
            .whereRef('pp.role', '=', 't.assignee')
            .whereRef('m.user_id', '=', 'u.id')
            .orderBy('pp.organization_id')
            .limit(1)
            .as('organization_id'),
          sql<string>`${'task.completed'}::text`.as('type'),
          't.project_id',
          't.task_id',
          sql<string>`jsonb_build_object(
            'status', t.status,
            'values', coalesce(
              (select jsonb_object_agg(field ->> 'var', coalesce(p.variables -> (field ->> 'var'), 'null'::jsonb))
                 from jsonb_array_elements(t.form) as field where field ? 'var'),
              '{}'::jsonb))`.as('before'),
          sql<string>`${toJson(after)}::jsonb`.as('after'),
        ])
        .where('t.project_id', '=', c.projectId)
        .where('t.task_id', '=', c.taskId)
        // A task is completed once: a trail that has its row already (a read model rebuilt
        // from Temporal beside a restored trail) gets no second one.
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('audit_events as a')
                .select('a.id')
                .where('a.project_id', '=', c.projectId)
                .where('a.type', '=', 'task.completed')
                .where('a.subject', '=', c.taskId),
            ),
          ),
        ),
    )
    .execute();
}
