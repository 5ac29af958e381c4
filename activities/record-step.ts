// Writes one engine step into the read model (projects, participants, tasks, events,
// notifications) and, for a task completion, its row of the audit trail, in one transaction.
// Idempotent: the project row is locked and its `last_seq` says whether this step was
// already written, so a retried activity writes nothing twice (the audit row included: it
// commits with the step or not at all); unique keys on (project, seq, idx) back that up.
// Imports db/ and dsl/ types.
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../db/database';
import { toJson } from '../db/json';
import { recordTaskCompletion } from '../db/queries/audit';
import { insertProject } from '../db/queries/projects';
import { timelineOf, type TimelineEntry } from '../dsl/timeline';
import type { RecordResult, StepRecord } from '../workflows/activity-contract';
import { escalationText, reminderText } from './notification-text';

type Trx = Transaction<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms));

export async function recordStep(db: Db, step: StepRecord): Promise<RecordResult> {
  await db.transaction().execute(async (trx) => {
    const lastSeq = () =>
      trx.selectFrom('projects').select('last_seq').where('id', '=', step.project.id).forUpdate().executeTakeFirst();
    let row = await lastSeq();
    if (!row) {
      // The API inserts a project's row before starting it; a subprocess gets its row here,
      // from its first step.
      await insertProject(trx, { ...step.project, startedAt: new Date(step.at) });
      row = (await lastSeq())!;
    }
    if (row.last_seq >= step.seq) return; // Written by an earlier attempt.
    if (row.last_seq !== step.seq - 1) {
      // Steps are recorded in order by the workflow; a gap would be a bug worth seeing.
      throw new Error(`project ${step.project.id}: step ${step.seq} after ${row.last_seq}`);
    }
    const { summary, outside } = step;
    if (outside?.event.type === 'complete_task') {
      // Before the step's own writes: the row keeps the task and the values as they were.
      await recordTaskCompletion(trx, {
        projectId: step.project.id,
        taskId: outside.event.task,
        actorUserId: outside.actor?.userId ?? outside.event.actor.id ?? null,
        outcome: outside.event.outcome,
        values: outside.event.values ?? {},
        comment: outside.comment ?? null,
        phase: summary.phase,
      });
    }
    // A blocked project is not over: it waits for a cancel.
    const finished = summary.status === 'completed' || summary.status === 'abandoned';
    await trx
      .updateTable('projects')
      .set({
        status: summary.status,
        result: summary.result,
        // Summaries written before blocking existed have no blockedReason.
        blocked_reason: summary.blockedReason ?? null,
        phase: summary.phase,
        variables: toJson(summary.variables),
        next_due_at: at(summary.nextDueAt),
        last_seq: step.seq,
        updated_at: sql<Date>`now()`,
        ...(finished ? { finished_at: new Date(step.at) } : {}),
      })
      .where('id', '=', step.project.id)
      .execute();
    await writeTasks(trx, step);
    const entries = timelineOf(step);
    if (entries.length > 0) {
      await trx
        .insertInto('events')
        .values(
          entries.map((e) => ({
            project_id: step.project.id,
            seq: step.seq,
            idx: e.idx,
            at: new Date(step.at),
            type: e.type,
            node: e.node,
            task_id: e.taskId,
            data: toJson(e.data),
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const entry of entries) if (entry.notify) await writeNotification(trx, step, entry);
  });
  const unsent = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('project_id', '=', step.project.id)
    .where('emailed_at', 'is', null)
    .where(sql<boolean>`jsonb_array_length(recipients) > 0`)
    .executeTakeFirstOrThrow();
  return { unsent: Number(unsent.n) };
}

async function writeTasks(trx: Trx, step: StepRecord): Promise<void> {
  const projectId = step.project.id;
  const now = new Date(step.at);
  for (const command of step.commands) {
    const task = trx.updateTable('tasks').where('project_id', '=', projectId);
    switch (command.type) {
      case 'open_task': {
        const t = command.task;
        await trx
          .insertInto('tasks')
          .values({
            project_id: projectId,
            task_id: t.id,
            node: t.node,
            label: t.label ?? null,
            instructions: t.instructions ?? null,
            assignee: t.assignee,
            outcomes: toJson(t.outcomes),
            form: toJson(t.form),
            opened_at: new Date(t.openedAt),
            due_at: at(t.due),
            outcome: null,
            values: null,
            comment: null,
            actor_user_id: null,
          })
          .onConflict((oc) => oc.columns(['project_id', 'task_id']).doNothing())
          .execute();
        break;
      }
      case 'close_task': {
        const outside = step.outside?.event.type === 'complete_task' ? step.outside : undefined;
        const userId = outside?.actor?.userId ?? command.actor?.id;
        await task
          .set({
            status: 'completed',
            outcome: command.outcome,
            values: toJson(command.values),
            comment: outside?.comment ?? null,
            // Through a sub-select, so an id that names no user is dropped, not an FK error.
            actor_user_id:
              userId && UUID.test(userId)
                ? sql<string | null>`(select id from users where id = ${userId}::uuid)`
                : null,
            closed_at: now,
          })
          .where('task_id', '=', command.task)
          .execute();
        break;
      }
      case 'cancel_task':
        await task.set({ status: 'cancelled', closed_at: now }).where('task_id', '=', command.task).execute();
        break;
      case 'remind':
        await task
          .set((eb) => ({ reminded_at: now, reminder_count: eb('reminder_count', '+', 1) }))
          .where('task_id', '=', command.task)
          .execute();
        break;
      case 'escalate':
        await task.set({ escalated_at: now }).where('task_id', '=', command.task).execute();
        break;
      default:
        break;
    }
  }
}

async function writeNotification(trx: Trx, step: StepRecord, entry: TimelineEntry): Promise<void> {
  const notify = entry.notify!;
  let text = { subject: notify.subject ?? '', body: notify.body ?? '' };
  if (notify.kind !== 'message') {
    const task = entry.taskId
      ? await trx
          .selectFrom('tasks')
          .select(['label', 'node', 'due_at'])
          .where('project_id', '=', step.project.id)
          .where('task_id', '=', entry.taskId)
          .executeTakeFirst()
      : undefined;
    const facts = { label: task?.label ?? task?.node ?? entry.node ?? '?', due: task?.due_at ?? null };
    text = notify.kind === 'reminder' ? reminderText(facts) : escalationText(facts);
  }
  const recipients = notify.roles.length
    ? (
        await trx
          .selectFrom('users')
          .innerJoin('memberships', 'memberships.user_id', 'users.id')
          .innerJoin('project_participants as p', 'p.organization_id', 'memberships.organization_id')
          .select('users.email')
          .distinct()
          .where('p.project_id', '=', step.project.id)
          .where('p.role', 'in', notify.roles)
          .orderBy('users.email')
          .execute()
      ).map((r) => r.email)
    : [];
  await trx
    .insertInto('notifications')
    .values({
      project_id: step.project.id,
      seq: step.seq,
      idx: entry.idx,
      kind: notify.kind,
      roles: toJson(notify.roles),
      recipients: toJson(recipients),
      subject: text.subject,
      body: text.body,
      task_id: entry.taskId,
      created_at: new Date(step.at),
    })
    .onConflict((oc) => oc.columns(['project_id', 'seq', 'idx']).doNothing())
    .execute();
}
