// A project whose definition loops without ever waiting (issue 12's minimal loop: a timer
// whose `until` date is unset fires at once, every time round) on the real dev server: it
// is not a workflow task failing for ever, but a blocked project with a French reason in
// the read model, a workflow still running, and a cancel that still ends it.
import { randomUUID } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { cancelProject, completeTask, startProject, workflowIdFor } from '../../api/project-runner';
import type { Definition } from '../../dsl/schema';
import { useIntegration } from '../support/integration';
import { seedDirectory, type Directory } from '../../scripts/drive-projects';
import { loopingDefinition as minimalLoop } from '../../scripts/scenarios';
import { waitFor } from '../support/wait';

describe('a project that loops without waiting', () => {
  const ctx = useIntegration();
  let directory: Directory;

  beforeAll(async () => {
    directory = await seedDirectory(ctx.db, ['r']);
  });

  const start = async (definition: Definition) => {
    const started = await startProject(ctx.deps, {
      title: `Boucle ${randomUUID().slice(0, 6)}`,
      definition: { key: definition.key, version: 1, document: definition },
      input: { k: true },
      bindings: directory.bindings,
    });
    if (!started.ok) throw new Error(JSON.stringify(started.refusal));
    return started.projectId;
  };

  const projectRow = (projectId: string) => ctx.db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();

  /** No workflow task of this workflow ever failed: the loop was answered, not thrown. */
  const failedWorkflowTasks = async (projectId: string) => {
    const history = await ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId)).fetchHistory();
    const { events } = JSON.parse(historyToJSON(history)) as { events: { eventType: string }[] };
    expect(events.map((e) => e.eventType)).toContain('EVENT_TYPE_WORKFLOW_TASK_COMPLETED');
    return events.filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_FAILED').length;
  };

  it('is marked blocked with a French reason naming the loop, keeps running, and can still be cancelled', async () => {
    const projectId = await start(minimalLoop(false));
    const blocked = await waitFor(async () => {
      const row = await projectRow(projectId);
      expect(row.status).toBe('blocked');
      return row;
    });
    expect(blocked.blocked_reason).toMatch(/^Le projet tourne en boucle sans attendre : /);
    expect(blocked.blocked_reason).toContain('« Attendre la date »');
    expect(blocked.finished_at).toBeNull();
    const events = await ctx.db.selectFrom('events').select(['type', 'node', 'data']).where('project_id', '=', projectId).orderBy('seq').orderBy('idx').execute();
    expect(events.map((e) => e.type)).toEqual(['started', 'blocked']);
    expect(events[1]).toMatchObject({ node: 'w', data: { nodes: ['w', 'n', 'g'] } });
    // The loop's notifications were never sent: the step was not taken.
    expect(await ctx.db.selectFrom('notifications').select('id').where('project_id', '=', projectId).execute()).toEqual([]);

    const handle = ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await failedWorkflowTasks(projectId)).toBe(0);

    const cancelled = await cancelProject(ctx.deps, projectId, { reason: 'Boucle' });
    expect(cancelled).toMatchObject({ ok: true, summary: { status: 'abandoned', blockedReason: null } });
    await handle.result();
    expect(await projectRow(projectId)).toMatchObject({ status: 'abandoned', blocked_reason: null });
  }, 60_000);

  it('accepts a completion that leads into the loop, answers blocked, and refuses further work', async () => {
    const projectId = await start(minimalLoop(true));
    await waitFor(() => ctx.db.selectFrom('tasks').select('task_id').where('project_id', '=', projectId).executeTakeFirstOrThrow());
    const done = await completeTask(ctx.deps, projectId, { task: 'a:1', outcome: 'done', actor: directory.actor('r') });
    expect(done).toMatchObject({ ok: true, summary: { status: 'blocked' } });
    // The blocked step was not taken: the task is still open, but nobody can complete it now.
    expect(await projectRow(projectId)).toMatchObject({ status: 'blocked' });
    const again = await completeTask(ctx.deps, projectId, { task: 'a:1', outcome: 'done', actor: directory.actor('r') });
    expect(again).toMatchObject({ ok: false, refusal: { code: 'not_running' } });
    expect(await failedWorkflowTasks(projectId)).toBe(0);
    expect((await ctx.temporal.client.workflow.getHandle(workflowIdFor(projectId)).describe()).status.name).toBe('RUNNING');
    await expect(cancelProject(ctx.deps, projectId)).resolves.toMatchObject({ ok: true, summary: { status: 'abandoned', tasks: [] } });
  }, 60_000);
});
