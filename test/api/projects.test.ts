// /api/projects on real PostgreSQL and a real Temporal dev server: starting, reading,
// listing with filters and cursors, cancelling, and refusing bad input without changing anything.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../api/errors';
import { errorsOf } from '../support/api';
import { publish } from '../../scripts/drive-projects';
import { reviewDefinition, useProjectWorld } from '../support/project-world';
import { waitFor } from '../support/wait';
import { loopingDefinition } from '../../scripts/scenarios';

describe('/api/projects', () => {
  const world = useProjectWorld();
  const count = async () => Number((await world.ctx.db.selectFrom('projects').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('starts a project and shows its phase, open task, timeline and definition version', async () => {
    const { id, body } = await world.startReview('Dossier complet');
    expect(body).toMatchObject({
      id,
      title: 'Dossier complet',
      status: 'running',
      academie: 'Lyon',
      definition: { key: reviewDefinition.key, version: 1, name: reviewDefinition.name },
      variables: { nomProjet: 'Dossier complet' },
    });
    const detail = await waitFor(async () => {
      const response = await world.as.member.json('GET', `/api/projects/${id}`);
      expect(response.body.open_tasks).toHaveLength(1);
      return response;
    });
    expect(detail.status).toBe(200);
    expect(detail.body.phase).toBe('depot');
    expect(detail.body.phase_label).toBe('Dépôt du dossier');
    expect(detail.body.my_roles).toEqual(['association']);
    expect(detail.body.open_tasks[0]).toMatchObject({ task_id: 'depot:1', assignee: 'association', can_complete: true, overdue: false });
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['started', 'phase_entered', 'task_opened']));
    expect(detail.body.bindings.association).toEqual([{ id: world.orgs.lyon, name: expect.any(String) }]);
    const asCompany = await world.as.company.json('GET', `/api/projects/${id}`);
    expect(asCompany.body.open_tasks[0].can_complete).toBe(false);
  });

  it('answers 404 for a project that does not exist or that the caller may not see', async () => {
    const { id } = await world.startReview('Dossier discret');
    expect((await world.as.otherMember.json('GET', `/api/projects/${id}`)).status).toBe(404);
    expect((await world.as.otherReviewer.json('GET', `/api/projects/${id}`)).status).toBe(404);
    const missing = await world.as.admin.json('GET', `/api/projects/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.type).toBe('https://passerelle.dev/problems/not-found');
    const notAnId = await world.as.admin.json('GET', '/api/projects/not-a-uuid');
    expect(notAnId.status).toBe(422);
    expect(errorsOf(notAnId.body)).toEqual(['invalid_format /params/id']);
  });

  it('lists with filters and walks every page with the cursor, without repeats', async () => {
    const tag = randomUUID().slice(0, 8);
    const ids = [];
    for (let i = 0; i < 5; i += 1) ids.push((await world.startReview(`Pagination ${tag} n°${i}`)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/projects?q=${encodeURIComponent(tag)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await world.as.member.json('GET', query);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const filtered = async (query: string) =>
      (await world.as.admin.json('GET', `/api/projects?q=${tag}&${query}`)).body.items.length as number;
    expect(await filtered('status=running')).toBe(5);
    expect(await filtered('status=completed')).toBe(0);
    expect(await filtered('academie=Lyon')).toBe(5);
    expect(await filtered('academie=Lille')).toBe(0);
    expect(await filtered('overdue=true')).toBe(0);
    expect(await filtered('overdue=false')).toBe(5);
    await waitFor(async () => expect(await filtered('phase=depot')).toBe(5));
    expect(await filtered('phase=revue')).toBe(0);
    // Each item names its phase by the label of its definition version, for the portfolio board.
    const listed = (await world.as.admin.json('GET', `/api/projects?q=${tag}`)).body.items;
    expect(listed.map((p: { phase_label: string | null }) => p.phase_label)).toEqual(Array(5).fill('Dépôt du dossier'));
    // Another association's member sees none of them.
    expect((await world.as.otherMember.json('GET', `/api/projects?q=${tag}`)).body.items).toEqual([]);
    // LIKE wildcards are taken literally.
    expect((await world.as.admin.json('GET', '/api/projects?q=%25%25%25')).body.items).toEqual([]);
  });

  it('refuses bad list queries with 422', async () => {
    const cursor = (key: string[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const uuid = randomUUID();
    expect((await world.as.admin.json('GET', `/api/projects?cursor=${cursor(['2026-11-24T09:30:00.123456Z', uuid])}`)).status).toBe(200);
    const badCursor = 'invalid_cursor /query/cursor';
    for (const [query, error] of [
      [`cursor=${cursor(['2026-02-30T00:00:00.000000Z', uuid])}`, badCursor],
      [`cursor=${cursor(['0000-01-01T00:00:00Z', uuid])}`, badCursor],
      [`cursor=${cursor(['2026-11-24T09:30:00Z', 'x'])}`, badCursor],
      [`cursor=${cursor(['2026-11-24T09:30:00Z', uuid, 'extra'])}`, badCursor],
      ['cursor=garbage', badCursor],
      [`cursor=${Buffer.from('["x","y"]').toString('base64url')}`, badCursor],
      ['limit=0', 'too_small /query/limit'],
      ['limit=101', 'too_big /query/limit'],
      ['limit=abc', 'invalid_type /query/limit'],
      ['status=done', 'invalid_value /query/status'],
      ['overdue=yes', 'invalid_value /query/overdue'],
      [`q=${'x'.repeat(201)}`, 'too_big /query/q'],
    ]) {
      const response = await world.as.admin.json('GET', `/api/projects?${query}`);
      expect(response.status, query).toBe(422);
      expect(errorsOf(response.body), query).toEqual([error]);
    }
  });

  it('refuses bad creation requests and starts nothing', async () => {
    const before = await count();
    const valid = {
      definition_key: reviewDefinition.key,
      title: 'Refusé',
      bindings: { association: [world.orgs.lyon], academie: [world.orgs.academieLyon] },
      input: { nomProjet: 'Refusé' },
    };
    const cases: [unknown, string][] = [
      [{ ...valid, title: '' }, 'too_small /title'],
      [{ ...valid, title: 'x'.repeat(201) }, 'too_big /title'],
      [{ ...valid, extra: true }, 'unrecognized_keys '],
      [{ ...valid, definition_key: 'inconnu' }, 'unknown_definition /definition_key'],
      [{ ...valid, definition_version: 99 }, 'unknown_definition /definition_version'],
      [{ ...valid, definition_version: 'un' }, 'invalid_type /definition_version'],
      [{ ...valid, bindings: { association: [world.orgs.lyon] } }, 'unbound_role /bindings/academie'],
      [{ ...valid, bindings: { ...valid.bindings, inconnu: [world.orgs.lyon] } }, 'unknown_role /bindings/inconnu'],
      [{ ...valid, bindings: { ...valid.bindings, entreprise: [randomUUID()] } }, 'unknown_organization /bindings/entreprise/0'],
      [{ ...valid, bindings: { ...valid.bindings, entreprise: ['pas-un-uuid'] } }, 'invalid_format /bindings/entreprise/0'],
      [{ ...valid, input: {} }, 'missing /input/nomProjet'],
      [{ ...valid, input: { nomProjet: 12 } }, 'wrong_type /input/nomProjet'],
      [{ ...valid, input: { nomProjet: { deep: true } } }, 'invalid_union /input/nomProjet'],
      [[], 'invalid_type '],
    ];
    for (const [body, error] of cases) {
      const response = await world.as.admin.json('POST', '/api/projects', body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(errorsOf(response.body), JSON.stringify(body)).toEqual([error]);
    }
    const malformed = await world.as.admin.request('POST', '/api/projects', '{"title":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
    const huge = await world.as.admin.request('POST', '/api/projects', JSON.stringify({ ...valid, title: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    const wrongType = await world.as.admin.request('POST', '/api/projects', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' });
    // RFC 9110 §15.5.16: a body in a media type the route does not take is 415, not a validation error.
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { type: string }).type).toBe(`${PROBLEM_BASE}unsupported-media-type`);
    expect(await count()).toBe(before);
  });

  it('replays a creation sent twice with the same Idempotency-Key, and refuses the key for another body', async () => {
    const before = await count();
    const body = {
      definition_key: reviewDefinition.key,
      title: 'Idempotent',
      bindings: { association: [world.orgs.lyon], academie: [world.orgs.academieLyon] },
      input: { nomProjet: 'Idempotent' },
    };
    const key = randomUUID();
    const first = await world.as.admin.request('POST', '/api/projects', body, { 'Idempotency-Key': key });
    const second = await world.as.admin.request('POST', '/api/projects', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    const id = (await first.json()).id;
    expect((await second.json()).id).toBe(id);
    // The same body with its keys in another order is the same request (RFC 8785 hash).
    const reordered = { input: body.input, bindings: { academie: body.bindings.academie, association: body.bindings.association }, title: body.title, definition_key: body.definition_key };
    const third = await world.as.admin.request('POST', '/api/projects', reordered, { 'Idempotency-Key': key });
    expect(third.headers.get('Idempotent-Replayed')).toBe('true');
    expect((await third.json()).id).toBe(id);
    expect(await count()).toBe(before + 1);
    const reused = await world.as.admin.request('POST', '/api/projects', { ...body, title: 'Autre' }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(errorsOf(await reused.json())).toEqual(['idempotency_key_reused /headers/idempotency-key']);
    expect(await count()).toBe(before + 1);
  });

  it('cancels a running project (administrators only) and then refuses a second cancel with 409', async () => {
    const { id } = await world.startReview('À abandonner');
    expect((await world.as.member.json('POST', `/api/projects/${id}/cancel`, {})).status).toBe(403);
    expect((await world.as.otherMember.json('POST', `/api/projects/${id}/cancel`, {})).status).toBe(404);
    const cancelled = await world.as.admin.json('POST', `/api/projects/${id}/cancel`, { reason: 'Projet arrêté' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'abandoned', result: 'abandoned', open_tasks: [] });
    const task = await world.as.member.json('GET', `/api/projects/${id}/tasks/depot:1`);
    expect(task.body.status).toBe('cancelled');
    expect((await world.as.admin.json('POST', `/api/projects/${id}/cancel`)).status).toBe(409);
    expect((await world.as.admin.json('POST', `/api/projects/${randomUUID()}/cancel`)).status).toBe(404);
    const badReason = await world.as.admin.json('POST', `/api/projects/${id}/cancel`, { reason: 42 });
    expect(badReason.status).toBe(422);
    expect(errorsOf(badReason.body)).toEqual(['invalid_type /reason']);
  });

  it('shows a project blocked by a loop with its reason, lists it under status=blocked and counts it on the dashboard', async () => {
    const loop = loopingDefinition();
    await publish(world.ctx.db, loop);
    const started = await world.as.admin.json('POST', '/api/projects', {
      definition_key: loop.key,
      title: 'Boucle sans fin',
      bindings: { r: [world.orgs.lyon] },
      input: { k: true },
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    const detail = await waitFor(async () => {
      const response = await world.as.member.json('GET', `/api/projects/${id}`);
      expect(response.body.status).toBe('blocked');
      return response;
    });
    expect(detail.body.blocked_reason).toMatch(/^Le projet tourne en boucle sans attendre : .*« Attendre la date »/);
    expect(detail.body.finished_at).toBeNull();
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).toEqual(['started', 'blocked']);

    const blocked = await world.as.member.json('GET', '/api/projects?status=blocked');
    expect(blocked.status).toBe(200);
    expect(blocked.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(blocked.body.items[0].blocked_reason).toBe(detail.body.blocked_reason);
    const running = await world.as.member.json('GET', '/api/projects?status=running');
    expect(running.body.items.every((p: { status: string; blocked_reason: string | null }) => p.status === 'running' && p.blocked_reason === null)).toBe(true);

    const dashboard = (await world.as.admin.json('GET', '/api/dashboard')).body;
    expect(dashboard.by_status.blocked).toBe(1);
    const { running: r, blocked: b, completed: c, abandoned: a } = dashboard.by_status;
    expect(dashboard.total).toBe(r + b + c + a);

    const cancelled = await world.as.admin.json('POST', `/api/projects/${id}/cancel`, { reason: 'Boucle' });
    expect(cancelled.body).toMatchObject({ status: 'abandoned', blocked_reason: null });
  });
});

