// The read model on both databases Passerelle runs on: PostgreSQL (DATABASE_URL) and PGlite
// (the embedded default). The same steps are recorded, then the same queries the API
// answers with (project list and detail, inbox, task detail) must give the same results:
// casts, `to_char`, `coalesce(…, 'infinity')` and row comparisons are where the two
// could part.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordStep } from '../../activities/record-step';
import type { CurrentUser } from '../../api/app-env';
import { createDatabase, type Db } from '../../db/database';
import { listProjects, projectDetail } from '../../db/queries/projects';
import { findTask, inbox, taskDetail } from '../../db/queries/tasks';
import type { StepRecord } from '../../workflows/activity-contract';
import { linear, task } from '../support/definitions';
import { createTestDatabase } from '../support/database';
import { publish, seedDirectory, type Directory } from '../../scripts/drive-projects';

type Opened = { db: Db; close(): Promise<void> };

const DATABASES: [string, () => Promise<Opened>][] = [
  ['PostgreSQL', async () => {
    const database = await createTestDatabase();
    return { db: database.db, close: () => database.drop() };
  }],
  ['PGlite', async () => {
    const db = await createDatabase({ memory: true });
    return { db, close: () => db.destroy() };
  }],
];

const definition = linear([task('depot', { label: 'Déposer le dossier', due: 'P10D', phase: 'depot' })], {
  key: 'lecture-modele',
  phases: [{ key: 'depot', label: 'Dépôt du dossier' }],
});

const AT = Date.UTC(2027, 0, 4, 9);
const NOW = new Date(AT + 3_600_000);

describe.each(DATABASES)('the read-model queries on %s', (_name, open) => {
  let opened: Opened;
  let directory: Directory;
  let member: CurrentUser;
  const projectIds: string[] = [];

  /** Records the start of a project whose `depot:1` is open, due `dueInDays` after AT. */
  const startProject = async (title: string, dueInDays: number) => {
    const id = randomUUID();
    const open = { id: 'depot:1', node: 'depot', label: 'Déposer le dossier', assignee: 'agent', openedAt: AT, due: AT + dueInDays * 86_400_000, outcomes: ['done'], escalated: false, form: [] };
    const step: StepRecord = {
      project: { id, workflowId: `project-${id}`, title, definitionKey: definition.key, definitionVersion: 1, bindings: directory.bindings },
      seq: 1,
      at: AT,
      input: {},
      commands: [{ type: 'enter_phase', node: 'depot', phase: 'depot' }, { type: 'open_task', task: open }],
      summary: { projectId: id, seq: 1, status: 'running', result: null, phase: 'depot', variables: {}, tasks: [open], nextDueAt: open.due, blockedReason: null },
    };
    await recordStep(opened.db, step);
    await recordStep(opened.db, step); // a retried activity changes nothing
    projectIds.push(id);
    return id;
  };

  beforeAll(async () => {
    opened = await open();
    directory = await seedDirectory(opened.db, ['agent']);
    await publish(opened.db, definition);
    member = { id: directory.users.agent.id, email: directory.users.agent.email, name: 'Agent', isAdmin: false, organizationIds: directory.bindings.agent };
    await startProject('Dossier en retard', -1);
    await startProject('Dossier à venir', 5);
  });
  afterAll(async () => opened?.close());

  it('lists the projects newest first, with their phase label, filters by overdue and pages with a cursor', async () => {
    const all = await listProjects(opened.db, member, {}, NOW);
    expect(all.items.map((p) => p.title).sort()).toEqual(['Dossier en retard', 'Dossier à venir']);
    expect(all.items.map((p) => p.phase_label)).toEqual(['Dépôt du dossier', 'Dépôt du dossier']);
    const overdue = await listProjects(opened.db, member, { overdue: true }, NOW);
    expect(overdue.items.map((p) => p.title)).toEqual(['Dossier en retard']);
    const first = await listProjects(opened.db, member, { limit: 1 }, NOW);
    expect(first.items).toHaveLength(1);
    const second = await listProjects(opened.db, member, { limit: 1, cursor: first.next_cursor! }, NOW);
    expect([...first.items, ...second.items].map((p) => p.id).sort()).toEqual(all.items.map((p) => p.id).sort());
  });

  it('shows a project with its open task and its timeline, each row once', async () => {
    const detail = await projectDetail(opened.db, member, projectIds[0], NOW);
    expect(detail).toMatchObject({ title: 'Dossier en retard', phase: 'depot', status: 'running' });
    expect(detail!.open_tasks.map((t) => t.task_id)).toEqual(['depot:1']);
    expect(detail!.timeline.map((e) => e.type)).toEqual(['started', 'phase_entered', 'task_opened']);
  });

  it('puts the task due first at the top of the inbox, and describes it', async () => {
    const page = await inbox(opened.db, member, {}, NOW);
    expect(page.items.map((t) => [t.project_id, t.task_id])).toEqual(projectIds.map((id) => [id, 'depot:1']));
    const next = await inbox(opened.db, member, { limit: 1 }, NOW);
    const rest = await inbox(opened.db, member, { limit: 1, cursor: next.next_cursor! }, NOW);
    expect(rest.items.map((t) => t.project_id)).toEqual([projectIds[1]]);
    const found = await findTask(opened.db, projectIds[0], 'depot:1');
    const detail = await taskDetail(opened.db, found!, ['agent'], NOW);
    expect(detail).toMatchObject({ task_id: 'depot:1', label: 'Déposer le dossier', status: 'open', can_complete: true });
  });
});
