import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../api/errors';
import type { Definition } from '../../dsl/schema';
import { caller, createTestApi, createUser, errorsOf, withSession, withToken, type Caller, type TestApi } from '../support/api';

const template = (key: string): Definition =>
  JSON.parse(readFileSync(new URL(`../../templates/${key}.json`, import.meta.url), 'utf8')) as Definition;

const review: Definition = {
  format: 'passerelle.process/1',
  key: 'revue-simple',
  name: 'Revue simple',
  roles: [{ key: 'agent', label: 'Agent' }],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'review', type: 'task', assignee: 'agent', due: 'P10D', outcomes: ['approved', 'rejected'] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'review' },
    { id: 'e2', from: 'review', to: 'end', outcome: 'approved' },
    { id: 'e3', from: 'review', to: 'end', outcome: 'rejected' },
  ],
} as Definition;

describe('definitions', () => {
  let api: TestApi;
  let admin: Caller;
  let member: Caller;
  beforeAll(async () => {
    api = await createTestApi();
    admin = await withSession(api, await createUser(api.db, { isAdmin: true }));
    member = await withToken(api, await createUser(api.db));
  });
  afterAll(async () => api?.drop());

  it('saves any draft, answering with its validation, and lists and reads it', async () => {
    const broken = { format: 'passerelle.process/1', key: 'brouillon', name: 'Brouillon', roles: [], nodes: 'oops' };
    const saved = await admin.json('PUT', '/api/definitions/brouillon/draft', broken);
    expect(saved.status).toBe(200);
    expect(saved.body.draft).toEqual(broken);
    expect(saved.body.validation.valid).toBe(false);
    expect(errorsOf(saved.body.validation)).toEqual(['schema /roles', 'schema /nodes', 'schema /edges']);
    expect(saved.body.validation.errors[0]).toEqual({ code: 'schema', path: '/roles', message: expect.any(String) });

    const read = await member.json('GET', '/api/definitions/brouillon');
    expect(read.body).toMatchObject({ key: 'brouillon', name: 'Brouillon', draft: broken, versions: [] });
    const list = await member.json('GET', '/api/definitions');
    expect(list.body).toContainEqual(expect.objectContaining({ key: 'brouillon', latest_version: null }));
  });

  it('validates a document without storing it', async () => {
    const valid = await member.json('POST', '/api/definitions/validate', review);
    expect(valid).toMatchObject({ status: 200, body: { valid: true, errors: [] } });
    const invalid = await member.json('POST', '/api/definitions/validate', { ...review, nodes: [] });
    expect(invalid.status).toBe(200);
    expect(errorsOf(invalid.body)).toEqual(expect.arrayContaining(['start_count /nodes', 'no_end /nodes']));
    expect(await api.db.selectFrom('definitions').select('key').where('key', '=', 'revue-simple').executeTakeFirst()).toBeUndefined();
  });

  it('publishes immutable versions numbered 1, 2, … and reads each back', async () => {
    await admin.json('PUT', '/api/definitions/revue-simple/draft', review);
    const first = await admin.json('POST', '/api/definitions/revue-simple/publish');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ key: 'revue-simple', version: 1, document: review });
    await admin.json('PUT', '/api/definitions/revue-simple/draft', { ...review, name: 'Revue simple v2' });
    expect((await admin.json('POST', '/api/definitions/revue-simple/publish')).body.version).toBe(2);
    expect((await member.json('GET', '/api/definitions/revue-simple/versions/1')).body.document.name).toBe('Revue simple');
    expect((await member.json('GET', '/api/definitions/revue-simple/versions/2')).body.document.name).toBe('Revue simple v2');
    expect((await member.json('GET', '/api/definitions/revue-simple')).body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('names who published each version, in the publish answer, the version read and the summaries, and null when unknown', async () => {
    const publisher = await createUser(api.db, { isAdmin: true });
    await api.db.updateTable('users').set({ name: 'Camille Martin' }).where('id', '=', publisher.id).execute();
    const camille = await withSession(api, publisher);
    await camille.json('PUT', '/api/definitions/qui-publie/draft', { ...review, key: 'qui-publie' });
    const published = await camille.json('POST', '/api/definitions/qui-publie/publish');
    expect(published.body).toMatchObject({ version: 1, published_by: publisher.id, published_by_name: 'Camille Martin' });
    await camille.json('PUT', '/api/definitions/qui-publie/draft', { ...review, key: 'qui-publie', name: 'v2' });
    await camille.json('POST', '/api/definitions/qui-publie/publish');
    await api.db.updateTable('definition_versions').set({ published_by: null }).where('key', '=', 'qui-publie').where('version', '=', 2).execute();
    expect((await member.json('GET', '/api/definitions/qui-publie/versions/1')).body.published_by_name).toBe('Camille Martin');
    expect((await member.json('GET', '/api/definitions/qui-publie/versions/2')).body).toMatchObject({ published_by: null, published_by_name: null });
    const summaries = (await member.json('GET', '/api/definitions/qui-publie')).body.versions;
    expect(summaries.map((v: { version: number; published_by_name: string | null }) => [v.version, v.published_by_name])).toEqual([[2, null], [1, 'Camille Martin']]);
  });

  it('gives concurrent publishes distinct version numbers', async () => {
    const doc = { ...review, key: 'concurrente' };
    await admin.json('PUT', '/api/definitions/concurrente/draft', doc);
    const answers = await Promise.all(Array.from({ length: 5 }, () => admin.json('POST', '/api/definitions/concurrente/publish')));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.map((a) => a.body.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses to publish an invalid draft with 422 and the validator’s errors, creating no version', async () => {
    await admin.json('PUT', '/api/definitions/invalide/draft', { ...review, key: 'invalide', nodes: [] });
    const refused = await admin.json('POST', '/api/definitions/invalide/publish');
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe(`${PROBLEM_BASE}invalid-definition`);
    expect(errorsOf(refused.body)).toEqual(expect.arrayContaining(['start_count /nodes', 'no_end /nodes']));
    await admin.json('PUT', '/api/definitions/autre-cle/draft', review);
    const mismatch = await admin.json('POST', '/api/definitions/autre-cle/publish');
    expect(mismatch.status).toBe(422);
    expect(errorsOf(mismatch.body)).toEqual(['key_mismatch /key']);
    expect(await api.db.selectFrom('definition_versions').select('version').where('key', 'in', ['invalide', 'autre-cle']).execute()).toEqual([]);
  });

  it('refuses a subprocess naming an unpublished process, then accepts it once the child is published', async () => {
    const parent = template('ecole-de-production');
    await admin.json('PUT', `/api/definitions/${parent.key}/draft`, parent);
    const refused = await admin.json('POST', `/api/definitions/${parent.key}/publish`);
    expect(refused.status).toBe(422);
    expect(errorsOf(refused.body)).toEqual(['unknown_process /nodes/18/process']);
    const child = template('ami-candidature');
    await admin.json('PUT', `/api/definitions/${child.key}/draft`, child);
    expect((await admin.json('POST', `/api/definitions/${child.key}/publish`)).status).toBe(201);
    expect((await admin.json('POST', `/api/definitions/${parent.key}/publish`)).status).toBe(201);
  });

  it('refuses a subprocess cycle', async () => {
    const a = { ...review, key: 'cycle-a' } as Definition;
    const callB = {
      ...review,
      key: 'cycle-b',
      nodes: [{ id: 'start', type: 'start' }, { id: 'call', type: 'subprocess', process: 'cycle-a' }, { id: 'end', type: 'end' }],
      edges: [{ id: 'e1', from: 'start', to: 'call' }, { id: 'e2', from: 'call', to: 'end' }],
    } as Definition;
    await admin.json('PUT', '/api/definitions/cycle-a/draft', a);
    await admin.json('POST', '/api/definitions/cycle-a/publish');
    await admin.json('PUT', '/api/definitions/cycle-b/draft', callB);
    expect((await admin.json('POST', '/api/definitions/cycle-b/publish')).status).toBe(201);
    const aCallsB = { ...callB, key: 'cycle-a', nodes: callB.nodes.map((n) => (n.type === 'subprocess' ? { ...n, process: 'cycle-b' } : n)) };
    await admin.json('PUT', '/api/definitions/cycle-a/draft', aCallsB);
    const refused = await admin.json('POST', '/api/definitions/cycle-a/publish');
    expect(refused.status).toBe(422);
    expect(errorsOf(refused.body)).toContain('subprocess_cycle /nodes/1/process');
  });

  it('refuses to publish a subprocess mapping between types that cannot feed each other', async () => {
    const child = { ...review, key: 'mapping-enfant', variables: [{ name: 'nb', type: 'integer' }] } as Definition;
    await admin.json('PUT', '/api/definitions/mapping-enfant/draft', child);
    expect((await admin.json('POST', '/api/definitions/mapping-enfant/publish')).status).toBe(201);
    const parent = (input: Record<string, string>) =>
      ({
        ...review,
        key: 'mapping-parent',
        variables: [{ name: 'ok', type: 'boolean' }, { name: 'n', type: 'integer' }],
        nodes: [{ id: 'start', type: 'start' }, { id: 'call', type: 'subprocess', process: 'mapping-enfant', input }, { id: 'end', type: 'end' }],
        edges: [{ id: 'e1', from: 'start', to: 'call' }, { id: 'e2', from: 'call', to: 'end' }],
      }) as Definition;
    await admin.json('PUT', '/api/definitions/mapping-parent/draft', parent({ nb: 'ok' }));
    const refused = await admin.json('POST', '/api/definitions/mapping-parent/publish');
    expect(refused.status).toBe(422);
    expect(errorsOf(refused.body)).toEqual(['type_mismatch /nodes/1/input/nb']);
    await admin.json('PUT', '/api/definitions/mapping-parent/draft', parent({ nb: 'n' }));
    expect((await admin.json('POST', '/api/definitions/mapping-parent/publish')).status).toBe(201);
  });

  it('simulates a document with a script on a virtual clock', async () => {
    const run = await member.json('POST', '/api/definitions/simulate', {
      definition: review,
      start: '2026-01-05T09:00:00.000Z',
      script: { tasks: { review: [{ outcome: 'rejected', after: 'P3D' }] } },
    });
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ result: 'completed', start: '2026-01-05T09:00:00.000Z', end: '2026-01-08T09:00:00.000Z' });
    expect(run.body.events.map((e: { type: string }) => e.type)).toEqual(['task_opened', 'task_completed', 'ended']);
  });

  it('answers 422 for a script the engine refuses, an invalid document or a malformed script', async () => {
    const refused = await member.json('POST', '/api/definitions/simulate', { definition: review, script: { tasks: { review: [{ outcome: 'maybe' }] } } });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe(`${PROBLEM_BASE}script-refused`);
    expect(refused.body.refusal.code).toBe('bad_outcome');
    const invalid = await member.json('POST', '/api/definitions/simulate', { definition: { ...review, nodes: [] } });
    expect(invalid.body.type).toBe(`${PROBLEM_BASE}invalid-definition`);
    expect(invalid.status).toBe(422);
    expect(errorsOf(invalid.body)).toEqual(expect.arrayContaining(['start_count /definition/nodes', 'no_end /definition/nodes']));
    const badScript = await member.json('POST', '/api/definitions/simulate', { definition: review, script: { tasks: { review: [{ after: 'tomorrow' }] } } });
    expect(badScript.status).toBe(422);
    expect(errorsOf(badScript.body)).toEqual(['custom /script/tasks/review/0/after']);
  });

  it('keeps writes for administrators, and answers unknown keys and versions with 404', async () => {
    expect((await member.json('PUT', '/api/definitions/pirate/draft', review)).status).toBe(403);
    expect((await member.json('POST', '/api/definitions/revue-simple/publish')).status).toBe(403);
    expect((await caller(api, {}).json('GET', '/api/definitions')).status).toBe(401);
    expect((await member.json('GET', '/api/definitions/inconnue')).status).toBe(404);
    expect((await member.json('GET', '/api/definitions/revue-simple/versions/99')).status).toBe(404);
    expect((await admin.json('POST', '/api/definitions/inconnue/publish')).status).toBe(404);
    for (const [path, error] of [
      ['/api/definitions/revue-simple/versions/0', 'too_small /params/version'],
      ['/api/definitions/revue-simple/versions/99999999999', 'too_big /params/version'],
      ['/api/definitions/Not_A_Key', 'invalid_format /params/key'],
    ]) {
      const response = await member.json('GET', path);
      expect(response.status, path).toBe(422);
      expect(errorsOf(response.body), path).toEqual([error]);
    }
  });
});
