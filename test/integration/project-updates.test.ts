// Updates on a running project: refusals (each leaves the workflow and the database as
// they were, and the history without a trace), cancelling, and continue-as-new carrying
// the engine state and its durable timers into the next run.
import { randomUUID } from 'node:crypto';
import { Client, NamespaceNotFoundError } from '@temporalio/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { cancelProject, completeTask, getEngineState, startProject, workflowIdFor } from '../../api/project-runner';
import { useIntegration } from '../support/integration';
import { childDefinition, parentDefinition, reviewLoopDefinition as review } from '../../scripts/scenarios';
import { publish, seedDirectory, type Directory } from '../../scripts/drive-projects';
import { reminderCount } from '../support/projects';
import { pendingWork } from '../support/temporal';
import { waitFor } from '../support/wait';

describe('updates on a project', () => {
  const ctx = useIntegration();
  let directory: Directory;

  beforeAll(async () => {
    directory = await seedDirectory(ctx.db, ['agent', 'chef']);
    await publish(ctx.db, childDefinition);
  });

  const start = async (extra: { continueAsNewAfter?: number } = {}) => {
    const started = await startProject(ctx.deps, {
      title: `Revue ${randomUUID().slice(0, 6)}`,
      definition: { key: review.key, version: 1, document: review },
      input: {},
      bindings: directory.bindings,
      ...extra,
    });
    if (!started.ok) throw new Error(JSON.stringify(started.refusal));
    return started.projectId;
  };

  /** Everything a refused update must leave as it was. */
  const snapshot = async (projectId: string) => {
    const db = ctx.db;
    const handle = ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId));
    const [engine, description, project, tasks, events, notifications] = await Promise.all([
      getEngineState(ctx.deps, projectId),
      handle.describe(),
      db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow(),
      db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).orderBy('task_id').execute(),
      db.selectFrom('events').selectAll().where('project_id', '=', projectId).orderBy('seq').orderBy('idx').execute(),
      db.selectFrom('notifications').selectAll().where('project_id', '=', projectId).execute(),
    ]);
    return { engine, historyLength: description.historyLength, project, tasks, events, notifications };
  };

  /**
   * The snapshot once the first step is written and the workflow is idle: no workflow task
   * and no activity (a step's record, an e-mail) pending, so only an update can change it.
   */
  const settled = (projectId: string) =>
    waitFor(async () => {
      expect(await pendingWork(ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId)))).toEqual([]);
      const now = await snapshot(projectId);
      expect(now.project.last_seq).toBeGreaterThanOrEqual(1);
      return now;
    });

  it('leaves no project row behind when the workflow cannot start', async () => {
    const projectId = randomUUID();
    const elsewhere = new Client({ connection: ctx.temporal.client.connection, namespace: 'no-such-namespace' });
    await expect(
      startProject({ db: ctx.db, client: elsewhere }, {
        projectId,
        title: 'Orphelin',
        definition: { key: review.key, version: 1, document: review },
        input: {},
        bindings: directory.bindings,
      }),
    ).rejects.toThrow(new NamespaceNotFoundError('no-such-namespace'));
    expect(await ctx.db.selectFrom('projects').select('id').where('id', '=', projectId).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('project_participants').select('role').where('project_id', '=', projectId).execute()).toEqual([]);
  });

  it('refuses a start input the engine does not accept, writing nothing', async () => {
    const started = await startProject(ctx.deps, {
      title: 'Mauvaise entrée',
      definition: { key: review.key, version: 1, document: review },
      input: { note: 'douze' },
      bindings: directory.bindings,
    });
    expect(started).toMatchObject({ ok: false, refusal: { code: 'input_invalid' } });
  });

  it('refuses a wrong outcome, a missing or wrong value, a wrong role and a closed task, changing nothing', async () => {
    const projectId = await start();
    const agent = directory.actor('agent');
    const attempts = [
      { args: { task: 'review:1', outcome: 'maybe', values: { avis: 'ok' }, actor: agent }, code: 'bad_outcome' },
      { args: { task: 'review:1', outcome: 'approved', values: {}, actor: agent }, code: 'values_invalid', field: 'avis' },
      { args: { task: 'review:1', outcome: 'approved', values: { avis: 'ok', note: 'beaucoup' }, actor: agent }, code: 'values_invalid', field: 'note' },
      { args: { task: 'review:1', outcome: 'approved', values: { avis: 'ok', inconnu: 1 }, actor: agent }, code: 'values_invalid', field: 'inconnu' },
      { args: { task: 'review:1', outcome: 'approved', values: { avis: 'ok' }, actor: directory.actor('chef') }, code: 'forbidden' },
      { args: { task: 'review:9', outcome: 'approved', values: { avis: 'ok' }, actor: agent }, code: 'task_not_open' },
    ];
    const before = await settled(projectId);
    for (const attempt of attempts) {
      const result = await completeTask(ctx.deps, projectId, attempt.args);
      expect(result.ok, attempt.code).toBe(false);
      if (result.ok) continue;
      expect(result.refusal.code).toBe(attempt.code);
      expect(result.refusal.message).toMatch(/\p{L}/u);
      if (attempt.field) expect(result.refusal.details?.map((d) => d.field)).toContain(attempt.field);
    }
    expect(await snapshot(projectId)).toEqual(before);

    // Once completed, the same task is closed: refused, still nothing changes.
    const done = await completeTask(ctx.deps, projectId, { task: 'review:1', outcome: 'again', values: { avis: 'à revoir' }, actor: agent });
    expect(done.ok).toBe(true);
    const after = await settled(projectId);
    const again = await completeTask(ctx.deps, projectId, { task: 'review:1', outcome: 'approved', values: { avis: 'ok' }, actor: agent });
    expect(again).toMatchObject({ ok: false, refusal: { code: 'task_not_open' } });
    expect(await snapshot(projectId)).toEqual(after);
  });

  it('cancels a project: open tasks cancelled, abandoned, and later updates refused as not running', async () => {
    const projectId = await start();
    const cancelled = await cancelProject(ctx.deps, projectId, { reason: 'Projet abandonné par le collectif', actor: directory.actor('chef') });
    expect(cancelled).toMatchObject({ ok: true, summary: { status: 'abandoned', result: 'abandoned', tasks: [] } });
    const db = ctx.db;
    await expect(db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow()).resolves.toMatchObject({
      status: 'abandoned',
      result: 'abandoned',
      next_due_at: null,
    });
    const task = await db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(task.status).toBe('cancelled');
    const events = await db.selectFrom('events').select(['type', 'data']).where('project_id', '=', projectId).orderBy('seq').orderBy('idx').execute();
    expect(events.map((e) => e.type)).toEqual(['started', 'phase_entered', 'task_opened', 'cancelled', 'task_cancelled', 'finished']);
    expect(events[3].data).toMatchObject({ reason: 'Projet abandonné par le collectif' });

    await ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId)).result();
    const late = await completeTask(ctx.deps, projectId, { task: 'review:1', outcome: 'approved', values: { avis: 'ok' }, actor: directory.actor('agent') });
    expect(late).toMatchObject({ ok: false, refusal: { code: 'not_running' } });
    await expect(cancelProject(ctx.deps, projectId)).resolves.toMatchObject({ ok: false, refusal: { code: 'not_running' } });
  });

  it('continues as new with its state and timers, and the next run fires them', async () => {
    const projectId = await start({ continueAsNewAfter: 40 });
    const handle = ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId));
    const firstRun = (await handle.describe()).runId;
    const agent = directory.actor('agent');
    for (let n = 1; n <= 8; n++) {
      const r = await completeTask(ctx.deps, projectId, { task: `review:${n}`, outcome: 'again', values: { avis: `tour ${n}` }, actor: agent });
      expect(r.ok).toBe(true);
    }
    // The next run only starts once the workflow is idle.
    await waitFor(async () => expect((await handle.describe()).runId).not.toBe(firstRun));
    const { state, seq } = await getEngineState(ctx.deps, projectId);
    expect(seq).toBe(9);
    expect(state.tasks.map((t) => t.id)).toEqual(['review:9']);
    expect(state.variables.avis).toBe('tour 8');
    expect(state.timers.map((t) => t.kind)).toEqual(['reminder']);

    // The reminder of review:9 (3 s after it opened) comes from a timer the new run re-created.
    await waitFor(async () => expect(await reminderCount(ctx.db, projectId, 'review:9')).toBe(1));
    const done = await completeTask(ctx.deps, projectId, { task: 'review:9', outcome: 'approved', values: { avis: 'bon' }, actor: agent });
    expect(done).toMatchObject({ ok: true, summary: { status: 'completed' } });
    const events = await ctx.db.selectFrom('events').select('seq').where('project_id', '=', projectId).execute();
    const seqs = [...new Set(events.map((e) => e.seq))].sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, k) => k + 1));
  }, 60_000);

  it('runs a subprocess and hands its output back, and cancelling the parent cancels the child', async () => {
    const startParent = async () => {
      const started = await startProject(ctx.deps, {
        title: `Parent ${randomUUID().slice(0, 6)}`,
        definition: { key: parentDefinition.key, version: 1, document: parentDefinition },
        input: { sujet: 'Locaux' },
        bindings: directory.bindings,
      });
      if (!started.ok) throw new Error(JSON.stringify(started.refusal));
      const child = await waitFor(() =>
        ctx.db.selectFrom('projects').selectAll().where('parent_project_id', '=', started.projectId).executeTakeFirstOrThrow(),
      );
      await waitFor(() => ctx.db.selectFrom('tasks').select('task_id').where('project_id', '=', child.id).executeTakeFirstOrThrow());
      return { parent: started.projectId, child: child.id, childWorkflow: { workflowId: child.workflow_id } };
    };

    const done = await startParent();
    // A subprocess's workflow id derives from its parent's: it is addressed by the row's.
    expect((await getEngineState(ctx.deps, done.childWorkflow)).state.variables).toEqual({ sujet: 'Locaux' });
    const r = await completeTask(ctx.deps, done.childWorkflow, {
      task: 'traiter:1',
      outcome: 'done',
      values: { conclusion: 'Locaux trouvés' },
      actor: directory.actor('agent'),
    });
    expect(r.ok).toBe(true);
    await ctx.temporal.client.workflow.getHandle(workflowIdFor(done.parent)).result();
    expect((await getEngineState(ctx.deps, done.parent)).state).toMatchObject({
      status: 'completed',
      variables: { sujet: 'Locaux', resultat: 'Locaux trouvés' },
    });

    const called = await startParent();
    const cancelled = await cancelProject(ctx.deps, called.parent, { reason: 'Abandon' });
    expect(cancelled).toMatchObject({ ok: true, summary: { status: 'abandoned' } });
    await waitFor(async () => {
      const child = await ctx.db.selectFrom('projects').select('status').where('id', '=', called.child).executeTakeFirstOrThrow();
      expect(child.status).toBe('abandoned');
    });
    const task = await ctx.db.selectFrom('tasks').select('status').where('project_id', '=', called.child).executeTakeFirstOrThrow();
    expect(task.status).toBe('cancelled');
  }, 40_000);
});
