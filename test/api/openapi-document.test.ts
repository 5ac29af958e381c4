// The OpenAPI document states the rules the server enforces, so that generated clients and
// property-based testers agree with it: a body marked required is refused when missing (and
// one not marked is not), required properties are listed, numeric bounds and the cursor's
// format are given, and OPTIONS answers each documented path with its Allow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURSOR_PATTERN } from '../../api/cursor';
import { encodeCursor } from '../../db/pagination';
import { createTestApi, createUser, withToken, type Caller, type TestApi } from '../support/api';

type Doc = { paths: Record<string, Record<string, any>>; components: { schemas: Record<string, any> } };
const SOME_ID = '6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11';
const urlOf = (path: string) =>
  path.replace('{key}', 'cle').replace('{version}', '1').replace('{taskId}', 'depot:1').replace('{secret}', '0'.repeat(64)).replace(/\{\w+\}/g, SOME_ID);

describe('the OpenAPI document and the server', () => {
  let api: TestApi;
  let admin: Caller;
  let document: Doc;
  beforeAll(async () => {
    api = await createTestApi();
    admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    document = (await (await api.app.request('/api/openapi.json')).json()) as Doc;
  });
  afterAll(async () => api?.drop());

  it('refuses a missing body exactly where the document says the body is required', async () => {
    const checked: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!operation.requestBody) continue;
        const answer = await admin.json(method.toUpperCase(), urlOf(path));
        const label = `${method.toUpperCase()} ${path} → ${answer.status}`;
        if (operation.requestBody.required) {
          expect(answer.status, label).toBe(422);
          expect(answer.body.errors, label).toEqual([expect.objectContaining({ code: 'required', path: '' })]);
        } else {
          expect([415, 422], label).not.toContain(answer.status);
        }
        checked.push(`${method} ${path} ${operation.requestBody.required === true}`);
      }
    }
    expect(checked).toContain('put /api/definitions/{key}/draft true');
    expect(checked).toContain('post /api/projects/{id}/cancel false');
    // A saved draft is never an empty stand-in for a missing body.
    expect(await api.db.selectFrom('definitions').select('key').execute()).toEqual([]);
  });

  it('lists the simulation’s definition as required, as the server requires it', async () => {
    expect(document.components.schemas.SimulateRequest.required).toEqual(['definition']);
    const refused = await admin.json('POST', '/api/definitions/simulate', { script: {} });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toEqual(['/definition']);
  });

  it('gives the bounds of versions and page sizes, and the format of cursors, which the server enforces', async () => {
    const parameter = (path: string, name: string) =>
      Object.values(document.paths[path]).flatMap((op: any) => op.parameters ?? []).find((p: any) => p.name === name).schema;
    expect(parameter('/api/definitions/{key}/versions/{version}', 'version')).toMatchObject({ type: 'integer', minimum: 1, maximum: 2_147_483_647 });
    expect((await admin.json('GET', '/api/definitions/cle/versions/0')).status).toBe(422);
    for (const list of ['/api/projects', '/api/tasks']) {
      expect(parameter(list, 'limit'), list).toMatchObject({ type: 'integer', minimum: 1, maximum: 100 });
      const cursor = parameter(list, 'cursor');
      expect(cursor, list).toMatchObject({ type: 'string', minLength: 1, maxLength: 500, pattern: CURSOR_PATTERN.source });
      for (const query of ['limit=0', 'limit=101', 'cursor=', 'cursor=a%2Bb', 'cursor=a%3D']) {
        const answer = await admin.json('GET', `${list}?${query}`);
        expect(answer.status, `${list}?${query}`).toBe(422);
      }
    }
    expect(encodeCursor(['2026-11-24T09:30:00.000000Z', SOME_ID, 'tâche ~ / ?'])).toMatch(CURSOR_PATTERN);
    expect(document.components.schemas.ProjectPage.properties.next_cursor).toMatchObject({ pattern: CURSOR_PATTERN.source, nullable: true });
  });

  it('answers OPTIONS on every documented path with the methods it allows', async () => {
    const templates = Object.entries(document.paths).map(([path, item]) => ({
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      methods: Object.keys(item).map((m) => m.toUpperCase()),
    }));
    for (const path of Object.keys(document.paths)) {
      const url = urlOf(path);
      // /api/definitions/validate is also /api/definitions/{key}: every template counts.
      const methods = new Set(templates.filter((t) => t.pattern.test(url)).flatMap((t) => t.methods));
      if (methods.has('GET')) methods.add('HEAD');
      methods.add('OPTIONS');
      const answer = await api.app.request(url, { method: 'OPTIONS' });
      expect(answer.status, path).toBe(204);
      expect(answer.headers.get('allow')?.split(', ').sort(), path).toEqual([...methods].sort());
    }
    const refused = await api.app.request('/api/me', { method: 'DELETE' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});
