// The project workflow on a real Temporal dev server and a real PostgreSQL: a whole école de
// production driven through updates, with the read model checked after each step.
import { beforeAll, describe, expect, it } from 'vitest';
import { completeTask, getEngineState, startProject, type RunnerDeps } from '../../api/project-runner';
import type { Definition } from '../../dsl/schema';
import { useIntegration } from '../support/integration';
import { autopilot, projectTree, publish, readTemplate, requiredValues, seedDirectory, type Directory } from '../../scripts/drive-projects';

describe('a project workflow', () => {
  const ctx = useIntegration();
  let deps: RunnerDeps;
  let directory: Directory;
  const documents: Record<string, Definition> = {};

  beforeAll(async () => {
    deps = ctx.deps;
    for (const key of ['ami-candidature', 'ecole-de-production']) {
      documents[key] = readTemplate(key);
      await publish(ctx.db, documents[key]);
    }
    directory = await seedDirectory(ctx.db, documents['ecole-de-production'].roles.map((r) => r.key));
  });

  it('drives an école de production to the end, the read model following each step', async () => {
    const definition = documents['ecole-de-production'];
    const started = await startProject(deps, {
      title: 'École de production de Vénissieux',
      definition: { key: definition.key, version: 1, document: definition },
      input: requiredValues(definition),
      bindings: directory.bindings,
    });
    if (!started.ok) throw new Error(JSON.stringify(started.refusal));
    const { projectId } = started;
    const db = ctx.db;

    const project = await db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(project).toMatchObject({ status: 'running', definition_key: 'ecole-de-production', academie: 'Lyon' });

    const steps = await autopilot(deps, projectId, documents, {
      timeoutMs: 90_000,
      onStep: async ({ projectId: id, taskId }) => {
        // After the update returns, the read model already shows the step.
        const [task, row] = await Promise.all([
          db.selectFrom('tasks').selectAll().where('project_id', '=', id).where('task_id', '=', taskId).executeTakeFirstOrThrow(),
          db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        ]);
        const state = await getEngineState(deps, { workflowId: row.workflow_id });
        expect(task.status).toBe('completed');
        expect(task.outcome).toBe(task.outcomes[0]);
        expect(task.closed_at).not.toBeNull();
        expect(row.last_seq).toBe(state.seq);
        expect(row.phase).toBe(state.state.phase);
        expect(row.status).toBe(state.state.status);
        const open = await db
          .selectFrom('tasks')
          .select('task_id')
          .where('project_id', '=', id)
          .where('status', '=', 'open')
          .orderBy('task_id')
          .execute();
        expect(open.map((t) => t.task_id)).toEqual(state.state.tasks.map((t) => t.id).sort());
        const completedEvent = await db
          .selectFrom('events')
          .select(['type', 'data'])
          .where('project_id', '=', id)
          .where('task_id', '=', taskId)
          .where('type', '=', 'task_completed')
          .executeTakeFirst();
        expect(completedEvent?.data).toMatchObject({ outcome: task.outcome });
      },
    });
    expect(steps).toBeGreaterThan(20);

    const final = await db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(final).toMatchObject({ status: 'completed', result: 'completed', next_due_at: null });
    expect(final.finished_at).not.toBeNull();

    const tree = await projectTree(db, projectId);
    expect(tree).toHaveLength(2); // The AMI candidature ran as a subprocess.
    const child = await db.selectFrom('projects').selectAll().where('parent_project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(child).toMatchObject({ status: 'completed', definition_key: 'ami-candidature', academie: 'Lyon' });
    expect(child.workflow_id).toBe(`project-${projectId}--candidatureAmi-1`);

    const events = await db.selectFrom('events').select(['seq', 'idx', 'type']).where('project_id', '=', projectId).orderBy('seq').orderBy('idx').execute();
    expect(events[0].type).toBe('started');
    expect(events.at(-1)?.type).toBe('finished');
    const types = new Set(events.map((e) => e.type));
    for (const type of ['task_opened', 'task_completed', 'phase_entered', 'child_started', 'child_finished', 'notified', 'ended']) {
      expect(types, type).toContain(type);
    }
    // Every step was written once, in order, with no gap.
    const seqs = [...new Set(events.map((e) => e.seq))];
    expect(seqs).toEqual(seqs.map((_, k) => k + 1));
    expect(seqs.at(-1)).toBe(final.last_seq);

    const openLeft = await db.selectFrom('tasks').select('task_id').where('project_id', 'in', tree).where('status', '=', 'open').execute();
    expect(openLeft).toEqual([]);
    const participants = await db.selectFrom('project_participants').selectAll().where('project_id', '=', child.id).execute();
    expect(participants.length).toBe(Object.keys(directory.bindings).length);

    // Notify nodes reached people by e-mail, once each.
    const notifications = await db.selectFrom('notifications').selectAll().where('project_id', 'in', tree).execute();
    expect(notifications.length).toBeGreaterThan(0);
    const sent = notifications.filter((n) => n.recipients.length > 0);
    await expect.poll(() => ctx.smtp.received.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(sent.length);
    const ids = ctx.smtp.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);

  it('completes a task for a named user and records who did it, with the comment', async () => {
    const definition = documents['ecole-de-production'];
    const started = await startProject(deps, {
      title: 'École de production de Roubaix',
      definition: { key: definition.key, version: 1, document: definition },
      input: requiredValues(definition),
      bindings: directory.bindings,
    });
    if (!started.ok) throw new Error('refused');
    const state = await getEngineState(deps, started.projectId);
    const [task] = state.state.tasks;
    const form = (definition.nodes.find((n) => n.id === task.node) as { form?: { var: string; required?: boolean }[] }).form;
    const done = await completeTask(deps, started.projectId, {
      task: task.id,
      outcome: task.outcomes[0],
      values: requiredValues(definition, form),
      comment: 'Collectif réuni le 3 mars.',
      actor: directory.actor(task.assignee),
    });
    expect(done.ok).toBe(true);
    const row = await ctx.db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', started.projectId)
      .where('task_id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'completed',
      comment: 'Collectif réuni le 3 mars.',
      actor_user_id: directory.users[task.assignee].id,
    });
  });
});
