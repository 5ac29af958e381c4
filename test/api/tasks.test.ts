// /api/tasks and task completion on real PostgreSQL and a real Temporal dev server: the
// inbox, one task with its form, completion and its refusals (nothing changes on a refusal),
// Idempotency-Key retries and two people completing the same task at once.
import { randomUUID } from 'node:crypto';
import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { TASK_QUEUE } from '../../temporal.config';
import { caller } from '../support/api';
import { useProjectWorld } from '../support/project-world';
import { waitFor } from '../support/wait';

describe('/api/tasks', () => {
  const world = useProjectWorld();

  async function openDepot(title: string) {
    const { id } = await world.startReview(title);
    await waitFor(async () => expect((await world.as.member.json('GET', `/api/projects/${id}/tasks/depot:1`)).status).toBe(200));
    return id;
  }

  const taskRow = (id: string, taskId: string) =>
    world.ctx.db.selectFrom('tasks').selectAll().where('project_id', '=', id).where('task_id', '=', taskId).executeTakeFirstOrThrow();

  it('shows a task with its form, typed and labelled from the definition', async () => {
    const id = await openDepot('Formulaire');
    const task = await world.as.member.json('GET', `/api/projects/${id}/tasks/depot:1`);
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({
      task_id: 'depot:1',
      label: 'Déposer le dossier',
      status: 'open',
      outcomes: ['done'],
      can_complete: true,
      project_title: 'Formulaire',
      form: [
        { var: 'nbJeunes', label: 'Nombre de jeunes', type: 'integer', required: true },
        { var: 'filiere', label: 'Filière', type: 'enum', required: false, options: ['metallerie', 'menuiserie'] },
      ],
    });
    expect(Date.parse(task.body.due_at) - Date.parse(task.body.opened_at)).toBe(10 * 24 * 3600 * 1000);
    expect((await world.as.reviewer.json('GET', `/api/projects/${id}/tasks/depot:1`)).body.can_complete).toBe(false);
    expect((await world.as.otherMember.json('GET', `/api/projects/${id}/tasks/depot:1`)).status).toBe(404);
    expect((await world.as.member.json('GET', `/api/projects/${id}/tasks/depot:2`)).status).toBe(404);
    expect((await world.as.member.json('GET', `/api/projects/${id}/tasks/pas une tâche`)).status).toBe(422);
  });

  it('lists in my inbox only the open tasks I may act on, soonest due first, page by page', async () => {
    const a = await openDepot('Corbeille A');
    const b = await openDepot('Corbeille B');
    const inbox = async (who: 'member' | 'reviewer' | 'company' | 'otherMember') => {
      const items: any[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await world.as[who].json('GET', `/api/tasks?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        items.push(...page.body.items);
        cursor = page.body.next_cursor;
      } while (cursor);
      return items;
    };
    const mine = (await inbox('member')).filter((t) => [a, b].includes(t.project_id));
    expect(mine.map((t) => t.project_id)).toEqual([a, b]);
    expect(mine[0]).toMatchObject({ task_id: 'depot:1', project_title: 'Corbeille A', academie: 'Lyon', can_complete: true });
    const all = await inbox('member');
    const dues = all.map((t) => t.due_at ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect((await inbox('reviewer')).filter((t) => [a, b].includes(t.project_id))).toEqual([]);
    expect(await inbox('company')).toEqual([]);
    expect(await inbox('otherMember')).toEqual([]);
    expect((await world.as.member.json('GET', '/api/tasks?cursor=abc')).status).toBe(422);
    expect((await world.as.member.json('GET', '/api/tasks?limit=500')).status).toBe(422);
  });

  it('refuses a forged inbox cursor with 422, whatever text it carries', async () => {
    const cursor = (key: string[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const uuid = randomUUID();
    expect((await world.as.member.json('GET', `/api/tasks?cursor=${cursor(['infinity', uuid, 'depot:1'])}`)).status).toBe(200);
    for (const taskId of ['depot\u0000:1', '\u0000', '']) {
      const response = await world.as.member.json('GET', `/api/tasks?cursor=${cursor(['infinity', uuid, taskId])}`);
      expect(response.status, JSON.stringify(taskId)).toBe(422);
      expect(response.body.errors[0].path).toBe('/query/cursor');
    }
  });

  it('completes a task, writes the values into the project and moves it on', async () => {
    const id = await openDepot('Complétion');
    const done = await world.as.member.json('POST', `/api/projects/${id}/tasks/depot:1/complete`, {
      outcome: 'done',
      values: { nbJeunes: 12, filiere: 'metallerie' },
      comment: 'Dossier complet',
    });
    expect(done.status).toBe(200);
    expect(done.body.task).toMatchObject({ status: 'completed', outcome: 'done', values: { nbJeunes: 12, filiere: 'metallerie' }, comment: 'Dossier complet' });
    expect(done.body.project).toEqual({ id, status: 'running', phase: 'revue', open_tasks: ['revue:1'] });
    const project = await world.as.reviewer.json('GET', `/api/projects/${id}`);
    expect(project.body.variables).toMatchObject({ nbJeunes: 12, filiere: 'metallerie' });
    expect(project.body.open_tasks.map((t: { task_id: string }) => t.task_id)).toEqual(['revue:1']);
    expect((await taskRow(id, 'depot:1')).actor_user_id).toBe(world.userIds.member);
  });

  it('refuses bad completions with the right status and changes nothing', async () => {
    const id = await openDepot('Refus');
    const url = `/api/projects/${id}/tasks/depot:1/complete`;
    const cases: [string, unknown, number, string?][] = [
      ['member', { outcome: 'approved', values: { nbJeunes: 3 } }, 422, '/outcome'],
      ['member', { outcome: 'done', values: {} }, 422, '/values/nbJeunes'],
      ['member', { outcome: 'done', values: { nbJeunes: 'douze' } }, 422, '/values/nbJeunes'],
      ['member', { outcome: 'done', values: { nbJeunes: 2.5 } }, 422, '/values/nbJeunes'],
      ['member', { outcome: 'done', values: { nbJeunes: 3, filiere: 'boulangerie' } }, 422, '/values/filiere'],
      ['member', { outcome: 'done', values: { nbJeunes: 3, inconnu: 'x' } }, 422, '/values/inconnu'],
      ['member', { outcome: 'done', values: { nbJeunes: { n: 3 } } }, 422],
      ['member', { outcome: 'Done!', values: { nbJeunes: 3 } }, 422],
      ['member', { values: { nbJeunes: 3 } }, 422, '/outcome'],
      ['member', { outcome: 'done', values: { nbJeunes: 3 }, comment: 'x'.repeat(5001) }, 422, '/comment'],
      ['member', { outcome: 'done', values: { nbJeunes: 3 }, extra: 1 }, 422],
      ['member', '"not an object"', 422],
      ['member', '[1, 2]', 422],
      ['reviewer', { outcome: 'done', values: { nbJeunes: 3 } }, 403],
      ['company', { outcome: 'done', values: { nbJeunes: 3 } }, 403],
      ['admin', { outcome: 'done', values: { nbJeunes: 3 } }, 403],
      ['otherMember', { outcome: 'done', values: { nbJeunes: 3 } }, 404],
    ];
    for (const [who, body, status, path] of cases) {
      const response = await world.as[who as 'member'].json('POST', url, body);
      expect(response.status, `${who} ${JSON.stringify(body)}`).toBe(status);
      expect(response.body.type).toMatch(/^https:\/\/passerelle\.dev\/problems\//);
      if (path) expect(response.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    // The refusal names the role as people know it, not by its key.
    const refused = await world.as.company.json('POST', url, { outcome: 'done', values: { nbJeunes: 3 } });
    expect(refused.body.detail).toBe('Cette tâche revient au rôle « Association porteuse », que vous n’avez pas dans ce projet.');
    expect((await world.as.member.request('POST', url, '{"outcome":', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await world.as.member.request('POST', url, JSON.stringify({ outcome: 'done', comment: 'x'.repeat(1_100_000) }))).status).toBe(413);
    expect((await world.as.member.json('POST', `/api/projects/${id}/tasks/depot:9/complete`, { outcome: 'done' })).status).toBe(404);
    expect((await world.as.member.json('POST', `/api/projects/${randomUUID()}/tasks/depot:1/complete`, { outcome: 'done' })).status).toBe(404);
    expect((await world.as.anonymous.json('POST', url, { outcome: 'done', values: { nbJeunes: 3 } })).status).toBe(401);
    const row = await taskRow(id, 'depot:1');
    expect(row).toMatchObject({ status: 'open', outcome: null, values: null });
    const events = await world.ctx.db.selectFrom('events').select('type').where('project_id', '=', id).execute();
    expect(events.map((e) => e.type)).not.toContain('task_completed');
  });

  it('answers 409 for a task that is no longer open', async () => {
    const id = await openDepot('Déjà fait');
    const url = `/api/projects/${id}/tasks/depot:1/complete`;
    expect((await world.as.member.json('POST', url, { outcome: 'done', values: { nbJeunes: 3 } })).status).toBe(200);
    const again = await world.as.member.json('POST', url, { outcome: 'done', values: { nbJeunes: 4 } });
    expect(again.status).toBe(409);
    expect((await taskRow(id, 'depot:1')).values).toEqual({ nbJeunes: 3 });
  });

  it('completes a task with a fixed number of queries on the API side', async () => {
    const id = await openDepot('Compte');
    const statements: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const app = createApp({
      db: world.ctx.db.withPlugin(counter),
      temporal: { client: world.ctx.temporal.client, taskQueue: TASK_QUEUE },
      publicUrl: 'http://passerelle.test',
    });
    const { token } = world.as.member as unknown as { token: string };
    const member = caller({ ...world.api, app }, { authorization: `Bearer ${token}` });
    const done = await member.json('POST', `/api/projects/${id}/tasks/depot:1/complete`, { outcome: 'done', values: { nbJeunes: 4 } });
    expect(done.status).toBe(200);
    // Three to know the caller (its token, marked used, and the user), two to answer 404 for
    // what the caller may not see (the task, the caller's roles), none to decide (the engine
    // does), two to read the completed task back with its form (the task, its definition).
    // None for the audit trail: the activity writes its row with the step. Nine when the API
    // wrote that row (the organization acting for the role, the row), seven before it did.
    expect(statements).toHaveLength(7);
  });

  it('returns the first answer to a retry with the same Idempotency-Key', async () => {
    const id = await openDepot('Rejeu');
    const url = `/api/projects/${id}/tasks/depot:1/complete`;
    const body = { outcome: 'done', values: { nbJeunes: 5 } };
    const key = randomUUID();
    const first = await world.as.member.request('POST', url, body, { 'Idempotency-Key': key });
    const retry = await world.as.member.request('POST', url, body, { 'Idempotency-Key': key });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    const other = await world.as.member.json('POST', url, { outcome: 'done', values: { nbJeunes: 6 } });
    expect(other.status).toBe(409);
    const reused = await world.as.member.request('POST', url, { outcome: 'done', values: { nbJeunes: 7 } }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    const badKey = await world.as.member.request('POST', url, body, { 'Idempotency-Key': 'x'.repeat(201) });
    expect(badKey.status).toBe(422);
    // The key belongs to its user: another member's retry with it is their own first request.
    const mine = await world.as.member2.request('POST', url, body, { 'Idempotency-Key': key });
    expect(mine.status).toBe(409);
  });

  it('runs two simultaneous requests with the same Idempotency-Key once', async () => {
    const id = await openDepot('Rejeu simultané');
    const url = `/api/projects/${id}/tasks/depot:1/complete`;
    const body = { outcome: 'done', values: { nbJeunes: 5 } };
    const key = randomUUID();
    const answers = await Promise.all([1, 2].map(() => world.as.member.request('POST', url, body, { 'Idempotency-Key': key })));
    const statuses = answers.map((a) => a.status).sort();
    // The second either waited for nothing (409: still running) or got the replay.
    expect([[200, 200], [200, 409]]).toContainEqual(statuses);
    const retry = await world.as.member.request('POST', url, body, { 'Idempotency-Key': key });
    expect(retry.status).toBe(200);
    const completed = await world.ctx.db.selectFrom('events').select('type').where('project_id', '=', id).where('type', '=', 'task_completed').execute();
    expect(completed).toHaveLength(1);
  });

  it('lets exactly one of two people completing the same task at once win; the other gets 409', async () => {
    for (let round = 0; round < 3; round += 1) {
      const id = await openDepot(`Course ${round}`);
      const url = `/api/projects/${id}/tasks/depot:1/complete`;
      const [a, b] = await Promise.all([
        world.as.member.json('POST', url, { outcome: 'done', values: { nbJeunes: 1 } }),
        world.as.member2.json('POST', url, { outcome: 'done', values: { nbJeunes: 2 } }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? { user: world.userIds.member, n: 1 } : { user: world.userIds.member2, n: 2 };
      const row = await taskRow(id, 'depot:1');
      expect(row).toMatchObject({ status: 'completed', actor_user_id: winner.user, values: { nbJeunes: winner.n } });
      const opened = await world.ctx.db.selectFrom('tasks').select('task_id').where('project_id', '=', id).execute();
      expect(opened.map((t) => t.task_id).sort()).toEqual(['depot:1', 'revue:1']);
    }
  });
});
