// The baseline's one activity: writes a step of a hand-written workflow to the read model in
// one transaction, the way recordStep does (lock the project, skip a step already written,
// update the project, close the task, open the next, add the events), without the engine's
// generality (no participants, notifications or commands to interpret).
import { sql } from 'kysely';
import type { Db } from '../../db/database';

export interface BaselineStep {
  projectId: string;
  seq: number;
  at: number;
  closed: string | null;
  opened: string | null;
}

export interface BaselineActivities {
  writeBaselineStep(step: BaselineStep): Promise<void>;
}

export function baselineActivities(db: Db): BaselineActivities {
  return {
    async writeBaselineStep(step) {
      const at = new Date(step.at);
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('projects').select('last_seq').where('id', '=', step.projectId).forUpdate().executeTakeFirstOrThrow();
        if (row.last_seq >= step.seq) return;
        const finished = step.opened === null;
        await trx
          .updateTable('projects')
          .set({
            status: finished ? 'completed' : 'running',
            result: finished ? 'completed' : null,
            last_seq: step.seq,
            updated_at: sql<Date>`now()`,
            ...(finished ? { finished_at: at } : {}),
          })
          .where('id', '=', step.projectId)
          .execute();
        const events: Array<{ idx: number; type: string; node: string | null; task_id: string | null }> = [];
        if (step.closed) {
          await trx
            .updateTable('tasks')
            .set({ status: 'completed', outcome: 'done', values: JSON.stringify({}), closed_at: at })
            .where('project_id', '=', step.projectId)
            .where('task_id', '=', step.closed)
            .execute();
          events.push({ idx: events.length, type: 'task_completed', node: step.closed.split(':')[0], task_id: step.closed });
        }
        if (step.opened) {
          await trx
            .insertInto('tasks')
            .values({
              project_id: step.projectId, task_id: step.opened, node: step.opened.split(':')[0], label: step.opened,
              instructions: null, assignee: 'association', outcomes: JSON.stringify(['done']), form: JSON.stringify([]),
              opened_at: at, due_at: null, outcome: null, values: null, comment: null, actor_user_id: null,
            })
            .onConflict((oc) => oc.columns(['project_id', 'task_id']).doNothing())
            .execute();
          events.push({ idx: events.length, type: 'task_opened', node: step.opened.split(':')[0], task_id: step.opened });
        } else {
          events.push({ idx: events.length, type: 'finished', node: null, task_id: null });
        }
        await trx
          .insertInto('events')
          .values(events.map((e) => ({ project_id: step.projectId, seq: step.seq, at, data: JSON.stringify({}), ...e })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      });
    },
  };
}
