// Faults: the worker process killed (SIGKILL) in the middle of a project, then a new one
// started: the project carries on with no duplicate row or e-mail. A step's write that
// committed but was reported failed is retried and writes nothing twice, its audit row
// included. The dev server stopped
// and restarted on its database file: the project and its timers are still there.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/create-activities';
import { completeTask, getEngineState, startProject, workflowIdFor, type RunnerDeps } from '../../api/project-runner';
import { freePort, startDevServer } from '../../stack/temporal-dev-server';
import { connectClient, connectNative } from '../../temporal.config';
import type { StepRecord } from '../../workflows/activity-contract';
import { workflowBundle } from '../../worker/workflow-bundle';
import { task, twoStepsWithNotice } from '../support/definitions';
import { useIntegration } from '../support/integration';
import { seedDirectory, type Directory } from '../../scripts/drive-projects';
import { reminderCount } from '../support/projects';
import { startTestWorker } from '../support/temporal';
import { waitFor, waitUntil } from '../support/wait';
import { spawnWorker } from '../support/worker-process';

/** start → A → notify → B (due and reminded as given) → C → end. */
const threeSteps = (due: string, reminder: string) =>
  twoStepsWithNotice({ key: 'trois-etapes', name: 'Trois étapes', b: { due, reminders: [reminder] }, then: [task('c', { label: 'Étape C' })] });

describe('a project through faults', () => {
  const ctx = useIntegration({ worker: false });
  let directory: Directory;

  beforeAll(async () => {
    directory = await seedDirectory(ctx.db, ['agent']);
  });

  const openTask = (projectId: string, taskId: string) =>
    waitFor(async () => {
      const task = await ctx.db
        .selectFrom('tasks')
        .select('status')
        .where('project_id', '=', projectId)
        .where('task_id', '=', taskId)
        .executeTakeFirst();
      expect(task?.status, `task ${taskId}`).toBe('open');
    }, 30_000);

  const reminded = (projectId: string, taskId: string) =>
    waitFor(async () => expect(await reminderCount(ctx.db, projectId, taskId)).toBe(1), 30_000);

  /** Starts a three-step project and waits until its first task is open. */
  const startThreeSteps = async (deps: RunnerDeps, title: string, due: string, reminder: string) => {
    const steps = threeSteps(due, reminder);
    const started = await startProject(deps, {
      title: `${title} ${randomUUID().slice(0, 6)}`,
      definition: { key: steps.key, version: 1, document: steps },
      input: {},
      bindings: directory.bindings,
    });
    if (!started.ok) throw new Error('refused');
    await openTask(started.projectId, 'a:1');
    return started.projectId;
  };

  const complete = async (deps: RunnerDeps, projectId: string, task: string) => {
    const result = await completeTask(deps, projectId, { task, outcome: 'done', actor: directory.actor('agent') });
    expect(result).toMatchObject({ ok: true });
  };

  it('writes a completion and its audit row once when the write committed but the activity failed', async () => {
    // Its own task queue and worker, whose recorder fails each completion's first attempt
    // after the write committed, as a worker lost before reporting would: Temporal retries.
    const taskQueue = `audit-retry-${randomUUID().slice(0, 8)}`;
    const real = createActivities({ db: ctx.db, mailer: ctx.mailer, appUrl: 'http://passerelle.test' });
    const attempts: string[] = [];
    const connection = await connectNative({ address: ctx.temporal.address, waitMs: 30_000 });
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: {
        ...real,
        recordStep: async (step: StepRecord) => {
          const result = await real.recordStep(step);
          if (step.outside?.event.type !== 'complete_task') return result;
          const key = `${step.project.id}#${step.seq}`;
          attempts.push(key);
          if (attempts.filter((a) => a === key).length === 1) throw new Error('lost after the commit');
          return result;
        },
      },
    });
    const running = worker.run();
    try {
      const deps = { ...ctx.deps, taskQueue };
      const projectId = await startThreeSteps(deps, 'Reprise', 'P1D', 'PT12H');
      await complete(deps, projectId, 'a:1');
      expect(attempts).toEqual([`${projectId}#2`, `${projectId}#2`]);
      const trail = await ctx.db.selectFrom('audit_events').selectAll().where('project_id', '=', projectId).execute();
      expect(trail).toEqual([
        expect.objectContaining({
          type: 'task.completed',
          subject: 'a:1',
          actor_user_id: directory.users.agent.id,
          organization_id: directory.bindings.agent[0],
          before: { status: 'open', values: {} },
          after: { status: 'completed', outcome: 'done', values: {}, comment: null, phase: null },
        }),
      ]);
      const completed = await ctx.db.selectFrom('events').select('seq').where('project_id', '=', projectId).where('type', '=', 'task_completed').execute();
      expect(completed).toEqual([{ seq: 2 }]);
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  }, 60_000);

  it('carries on after the worker is killed, without duplicate rows or e-mails', async () => {
    const child = await spawnWorker({
      TEMPORAL_ADDRESS: ctx.temporal.address,
      DATABASE_URL: ctx.database.url,
      SMTP_URL: ctx.smtp.url,
      APP_URL: 'http://passerelle.test',
    });
    const projectId = await startThreeSteps(ctx.deps, 'Trois étapes', 'PT5S', 'PT3S'); // Reminded 2 s after B opens.
    // Completing A records a step (its notification row), then sends the e-mail and starts
    // B's timers: kill once the step is recorded and its e-mail not yet sent, and check it
    // was still unsent once the worker was dead, so the kill landed mid-step.
    const completing = completeTask(ctx.deps, projectId, { task: 'a:1', outcome: 'done', actor: directory.actor('agent') });
    let caught: { id: string } | undefined;
    while (!caught) {
      const row = await ctx.db.selectFrom('notifications').select(['id', 'emailed_at']).where('project_id', '=', projectId).executeTakeFirst();
      if (row && row.emailed_at !== null) throw new Error('the e-mail went out before the kill: the step was not caught midway');
      if (row && ctx.smtp.inFlight() === 0 && !ctx.smtp.received.some((m) => m.messageId.includes(row.id))) caught = row;
      else await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await once(child, 'exit');
    const pending = await ctx.db.selectFrom('notifications').select('emailed_at').where('id', '=', caught.id).executeTakeFirstOrThrow();
    expect(pending.emailed_at).toBeNull();

    // B's reminder (2 s after B opened) falls due while no worker runs; the new worker fires it late, once.
    const b = await waitUntil(() => ctx.db.selectFrom('tasks').select('opened_at').where('project_id', '=', projectId).where('task_id', '=', 'b:1').executeTakeFirst(), 20_000, 'b:1 opened');
    await waitFor(() => expect(Date.now()).toBeGreaterThan(b.opened_at.getTime() + 2_500), 10_000);
    ctx.worker = await startTestWorker({ address: ctx.temporal.address, db: ctx.db, mailer: ctx.mailer });
    await expect(completing).resolves.toMatchObject({ ok: true });
    await openTask(projectId, 'b:1');
    await reminded(projectId, 'b:1');
    await complete(ctx.deps, projectId, 'b:1');
    await complete(ctx.deps, projectId, 'c:1');

    const project = await ctx.db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(project).toMatchObject({ status: 'completed' });
    const tasks = await ctx.db.selectFrom('tasks').select(['task_id', 'status', 'reminder_count']).where('project_id', '=', projectId).orderBy('task_id').execute();
    expect(tasks).toEqual([
      { task_id: 'a:1', status: 'completed', reminder_count: 0 },
      { task_id: 'b:1', status: 'completed', reminder_count: 1 },
      { task_id: 'c:1', status: 'completed', reminder_count: 0 },
    ]);
    const events = await ctx.db.selectFrom('events').select(['seq', 'type']).where('project_id', '=', projectId).orderBy('seq').orderBy('idx').execute();
    const seqs = [...new Set(events.map((e) => e.seq))];
    expect(seqs).toEqual(seqs.map((_, k) => k + 1));
    expect(events.filter((e) => e.type === 'reminder')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'task_opened')).toHaveLength(3);
    const trail = await ctx.db.selectFrom('audit_events').select(['type', 'subject']).where('project_id', '=', projectId).orderBy('seq').execute();
    expect(trail).toEqual(['a:1', 'b:1', 'c:1'].map((subject) => ({ type: 'task.completed', subject })));

    const notifications = await ctx.db.selectFrom('notifications').selectAll().where('project_id', '=', projectId).execute();
    expect(notifications.map((n) => n.kind).sort()).toEqual(['message', 'reminder']);
    // Counted once the workflow is over and every e-mail is marked sent: a duplicate could
    // only come from a send activity still running or retried, and none is left.
    await ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId)).result();
    await waitFor(async () => {
      const rows = await ctx.db.selectFrom('notifications').select(['kind', 'emailed_at']).where('project_id', '=', projectId).execute();
      for (const r of rows) expect(r.emailed_at, r.kind).not.toBeNull();
    }, 30_000);
    for (const n of notifications) {
      expect(ctx.smtp.received.filter((m) => m.messageId.includes(n.id)), n.kind).toHaveLength(1);
    }
  }, 180_000);

  describe('with the dev server on a database file', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'passerelle-temporal-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('keeps projects and timers across a restart of the server', async () => {
      const dbFile = join(dir, 'temporal.db');
      const port = await freePort();
      let server = await startDevServer({ dbFile, port });
      let client = await connectClient({ address: server.address, waitMs: 30_000 });
      let worker = await startTestWorker({ address: server.address, db: ctx.db, mailer: ctx.mailer });
      try {
        const deps = { db: ctx.db, client };
        // Reminded 10 s after B opens: after the restart, which takes a few seconds.
        const projectId = await startThreeSteps(deps, 'Redémarrage', 'PT14S', 'PT4S');
        await complete(deps, projectId, 'a:1');
        const pending = await getEngineState(deps, projectId);
        expect(pending.state.timers.map((t) => t.kind)).toEqual(['reminder']);
        await worker.stop();
        await client.connection.close();
        await server.stop();
        // With the server down, nothing can fire: no reminder yet means the timer was still
        // pending when it went down, so only the stored timer can bring it (how long the
        // restart takes does not matter: a late timer fires at once).
        expect(await reminderCount(ctx.db, projectId, 'b:1')).toBe(0);
        server = await startDevServer({ dbFile, port });
        client = await connectClient({ address: server.address, waitMs: 30_000 });
        worker = await startTestWorker({ address: server.address, db: ctx.db, mailer: ctx.mailer });
        const after = { db: ctx.db, client };

        const { state } = await getEngineState(after, projectId);
        expect(state.tasks.map((t) => t.id)).toEqual(['b:1']);
        await reminded(projectId, 'b:1');
        await complete(after, projectId, 'b:1');
        await complete(after, projectId, 'c:1');
        const project = await ctx.db.selectFrom('projects').select('status').where('id', '=', projectId).executeTakeFirstOrThrow();
        expect(project.status).toBe('completed');
      } finally {
        await worker.stop();
        await client.connection.close();
        await server.stop();
      }
    }, 90_000);
  });
});
