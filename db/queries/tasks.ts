// Read queries on tasks: the inbox (open tasks of running projects whose assignee role is
// bound to one of the caller's organizations, soonest due first) and one task with its
// form, as the API answers them. `actionableTasks` is the "may act on" rule of
// access.ts/rolesOf written as one join, so the inbox and the calendar feed (calendar.ts)
// need no query per project.
import { sql } from 'kysely';
import type { Db } from '../database';
import { decodeCursor, DEFAULT_LIMIT, KEY_TEXT, KEY_TIMESTAMP, KEY_UUID, pageOf } from '../pagination';
import type { ProjectStatus } from '../tables/project';
import type { Task } from '../tables/task';
import { phaseLabel } from '../../dsl/labels';
import type { Definition } from '../../dsl/schema';
import { organizationsIn, type Viewer } from './access';
import { definitionOf, definitionsOf, roleLabel } from './definitions';

export function toTaskSummary(t: Task, roles: string[], projectStatus: ProjectStatus, now: Date) {
  const open = t.status === 'open' && projectStatus === 'running';
  return {
    project_id: t.project_id,
    task_id: t.task_id,
    node: t.node,
    label: t.label,
    assignee: t.assignee,
    status: t.status,
    outcomes: t.outcomes,
    opened_at: t.opened_at.toISOString(),
    due_at: t.due_at?.toISOString() ?? null,
    overdue: open && t.due_at !== null && t.due_at < now,
    escalated: t.escalated_at !== null,
    can_complete: open && roles.includes(t.assignee),
  };
}

/**
 * Open tasks of running projects that members of `organizationIds` may complete, with their
 * project's title, académie and phase.
 */
export function actionableTasks(db: Db, organizationIds: string[]) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .selectAll('t')
    .select(['p.title as project_title', 'p.academie', 'p.phase', 'p.status as project_status', 'p.definition_key', 'p.definition_version'])
    .where('t.status', '=', 'open')
    .where('p.status', '=', 'running')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('project_participants as pp')
          .select('pp.project_id')
          .whereRef('pp.project_id', '=', 't.project_id')
          .whereRef('pp.role', '=', 't.assignee')
          .where('pp.organization_id', 'in', organizationsIn(organizationIds)),
      ),
    );
}

/** The caller's inbox, soonest due first (tasks without a due date last). */
export async function inbox(db: Db, user: Viewer, page: { limit?: number; cursor?: string }, now: Date) {
  const limit = page.limit ?? DEFAULT_LIMIT;
  const dueKey = sql`coalesce(t.due_at, 'infinity'::timestamptz)`;
  let query = actionableTasks(db, user.organizationIds).select(
    sql<string>`case when t.due_at is null then 'infinity' else to_char(t.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`.as('sort_due'),
  );
  if (page.cursor) {
    const [at, projectId, taskId] = decodeCursor(page.cursor, [KEY_TIMESTAMP, KEY_UUID, KEY_TEXT]);
    query = query.where(sql<boolean>`(${dueKey}, t.project_id, t.task_id) > (${at}::timestamptz, ${projectId}::uuid, ${taskId})`);
  }
  const rows = await query.orderBy(dueKey).orderBy('t.project_id').orderBy('t.task_id').limit(limit + 1).execute();
  const result = pageOf(rows, limit, (r) => [r.sort_due, r.project_id, r.task_id]);
  // The definitions of every version on the page, in one query.
  const definitions = await definitionsOf(db, result.items);
  const items = result.items.map((r) => {
    const definition = definitions.get(`${r.definition_key}@${r.definition_version}`);
    return {
      ...toTaskSummary(r, [r.assignee], r.project_status, now),
      project_title: r.project_title,
      academie: r.academie,
      phase: r.phase,
      phase_label: phaseLabel(definition, r.phase),
      assignee_label: roleLabel(definition, r.assignee),
    };
  });
  return {
    items,
    next_cursor: result.nextCursor,
  };
}

export async function findTask(db: Db, projectId: string, taskId: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .selectAll('t')
    .leftJoin('users as u', 'u.id', 't.actor_user_id')
    .select(['p.title as project_title', 'p.status as project_status', 'p.workflow_id', 'p.variables', 'p.definition_key', 'p.definition_version', 'u.name as actor_name'])
    .where('t.project_id', '=', projectId)
    .where('t.task_id', '=', taskId)
    .executeTakeFirst();
}

type FoundTask = NonNullable<Awaited<ReturnType<typeof findTask>>>;

function formOf(task: FoundTask, definition: Definition | undefined) {
  const fields = (task.form ?? []) as { var: string; required?: boolean; label?: string }[];
  return fields.map((field) => {
    const variable = definition?.variables?.find((v) => v.name === field.var);
    const value = task.variables[field.var];
    return {
      var: field.var,
      label: field.label ?? variable?.label ?? field.var,
      type: variable?.type ?? 'string',
      required: field.required ?? false,
      ...(variable?.options ? { options: variable.options } : {}),
      ...(value === undefined ? {} : { value }),
    };
  });
}

/** One task with its form, as the caller (holding `roles` in its project) sees it. */
export async function taskDetail(db: Db, task: FoundTask, roles: string[], now: Date) {
  const definition = await definitionOf(db, task.definition_key, task.definition_version);
  return {
    ...toTaskSummary(task, roles, task.project_status, now),
    project_title: task.project_title,
    instructions: task.instructions,
    form: formOf(task, definition),
    outcome: task.outcome,
    values: task.values,
    comment: task.comment,
    closed_at: task.closed_at?.toISOString() ?? null,
    assignee_label: roleLabel(definition, task.assignee),
    completed_by: task.status === 'completed' ? task.actor_name : null,
  };
}
