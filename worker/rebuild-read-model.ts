// Rebuilds the read model (projects, participants, tasks, events, notifications) from what
// Temporal recorded: every run of every project workflow (subprocesses and continued runs
// included, oldest first), replaying the inputs of its `recordStep` activities in history
// order through the same idempotent `recordStep` the worker uses. A notification counts as
// e-mailed when a `sendNotifications` activity of the same run completed after the step
// that wrote it, so a rebuild never sends an e-mail again. Only into an empty read model:
// the directory, definitions and audit trail are not in Temporal and must be there already
// (a completion's audit row, written by recordStep, is added only where the trail lacks it).
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { sql } from 'kysely';
import { recordStep } from '../activities/record-step';
import type { Db } from '../db/database';
import type { StepRecord } from '../workflows/activity-contract';
import { PROJECT_WORKFLOW_TYPE } from '../workflows/messages';

export interface RebuildReport {
  runs: number;
  steps: number;
  projects: number;
}

type HistoryEvent = NonNullable<Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events']>[number];

const eventTime = (event: HistoryEvent): Date => {
  const t = event.eventTime;
  return new Date(Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6));
};

export async function rebuildReadModel(deps: { db: Db; client: Client; log?: (line: string) => void }): Promise<RebuildReport> {
  const { db, client, log = () => {} } = deps;
  const existing = await db.selectFrom('projects').select('id').limit(1).executeTakeFirst();
  if (existing) throw new Error('Le modèle de lecture n’est pas vide (table projects) : reconstruisez dans une base vide.');

  const runs: { workflowId: string; runId: string; startTime: Date }[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowType = '${PROJECT_WORKFLOW_TYPE}'` })) {
    runs.push({ workflowId: execution.workflowId, runId: execution.runId, startTime: execution.startTime });
  }
  // A parent starts before its children, and a run before the one it continued into.
  runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime() || a.workflowId.localeCompare(b.workflowId));

  let steps = 0;
  for (const run of runs) {
    const history = await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory();
    const scheduled = new Map<string, string>(); // scheduled event id → activity type
    let projectId: string | undefined;
    let lastSeq = 0;
    for (const event of history.events ?? []) {
      const activity = event.activityTaskScheduledEventAttributes;
      if (activity) {
        const type = activity.activityType?.name ?? '';
        scheduled.set(String(event.eventId), type);
        if (type !== 'recordStep') continue;
        const step = defaultPayloadConverter.fromPayload(activity.input!.payloads![0]) as StepRecord;
        await recordStep(db, step);
        projectId = step.project.id;
        lastSeq = step.seq;
        steps += 1;
        continue;
      }
      const completed = event.activityTaskCompletedEventAttributes;
      if (completed && projectId && scheduled.get(String(completed.scheduledEventId)) === 'sendNotifications') {
        await db
          .updateTable('notifications')
          .set({ emailed_at: eventTime(event) })
          .where('project_id', '=', projectId)
          .where('seq', '<=', lastSeq)
          .where('emailed_at', 'is', null)
          .where(sql<boolean>`jsonb_array_length(recipients) > 0`)
          .execute();
      }
    }
  }
  const { n } = await db.selectFrom('projects').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  log(`${runs.length} exécutions relues, ${steps} étapes écrites, ${n} projets.`);
  return { runs: runs.length, steps, projects: Number(n) };
}
