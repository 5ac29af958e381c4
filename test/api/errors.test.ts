import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../api/app';
import { PROBLEM_BASE } from '../../api/errors';
import { anonymous, createTestApi, createUser, withToken, type TestApi } from '../support/api';

describe('error answers', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  async function problemOf(response: Response) {
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    return (await response.json()) as { type: string; title: string; status: number; errors?: { code: string; path: string; message: string }[] };
  }

  it('answers an unknown route with a 404 problem', async () => {
    const response = await anonymous(api).request('GET', '/api/nowhere');
    expect(response.status).toBe(404);
    const body = await problemOf(response);
    expect(body).toMatchObject({ type: `${PROBLEM_BASE}not-found`, title: 'Ressource introuvable', status: 404 });
  });

  it('answers a wrong method with 405 and the allowed ones', async () => {
    const response = await anonymous(api).request('DELETE', '/api/me');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect((await problemOf(response)).type).toBe(`${PROBLEM_BASE}method-not-allowed`);
    const withParam = await anonymous(api).request('PUT', '/api/tokens/6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11');
    expect(withParam.status).toBe(405);
    expect(withParam.headers.get('allow')).toBe('DELETE, OPTIONS');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await anonymous(api).request('POST', '/api/auth/login', '{"email": ', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).type).toBe(`${PROBLEM_BASE}malformed-request`);
  });

  it('answers a body over 1 MB with 413 before reading it', async () => {
    const big = JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(MAX_BODY_BYTES) });
    const response = await anonymous(api).request('POST', '/api/auth/login', big);
    expect(response.status).toBe(413);
    expect((await problemOf(response)).type).toBe(`${PROBLEM_BASE}payload-too-large`);
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await anonymous(api).request('POST', '/api/auth/login', 'email=a', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect((await problemOf(response)).type).toBe(`${PROBLEM_BASE}unsupported-media-type`);
  });

  it('answers wrong types with 422 naming each field as a JSON pointer, in French', async () => {
    const response = await anonymous(api).request('POST', '/api/auth/login', { email: 42 });
    expect(response.status).toBe(422);
    const body = await problemOf(response);
    expect(body.type).toBe(`${PROBLEM_BASE}validation`);
    expect(body.errors).toEqual([
      { code: 'invalid_type', path: '/email', message: 'Le champ « /email » est absent ou n’a pas le bon type.' },
      { code: 'invalid_type', path: '/password', message: 'Le champ « /password » est absent ou n’a pas le bon type.' },
    ]);
  });

  it('names the unknown fields, and says a value of no accepted type has the wrong type', async () => {
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    const unknown = await admin.json('POST', '/api/organizations', { name: 'Lycée Jean Moulin', kind: 'school', nom: 'x', ville: 'Lyon' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { code: 'unrecognized_keys', path: '', message: 'Le corps de la requête contient des champs inconnus : « nom », « ville ».' },
    ]);
    const union = await admin.json('POST', '/api/projects', {
      definition_key: 'essai',
      title: 'Essai',
      bindings: {},
      input: { nbJeunes: null },
    });
    expect(union.status).toBe(422);
    expect(union.body.errors).toEqual([
      { code: 'invalid_union', path: '/input/nbJeunes', message: 'Le champ « /input/nbJeunes » n’a pas le bon type.' },
    ]);
  });

  it('names path and query parameters with their location', async () => {
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    const param = await admin.json('GET', '/api/users/not-a-uuid');
    expect(param.status).toBe(422);
    expect(param.body.errors[0].path).toBe('/params/id');
    const query = await admin.json('GET', '/api/organizations?kind=castle');
    expect(query.status).toBe(422);
    expect(query.body.errors[0].path).toBe('/query/kind');
    const limit = await admin.json('GET', '/api/projects?limit=beaucoup');
    expect(limit.body.errors).toEqual([{ code: 'invalid_type', path: '/query/limit', message: 'limit doit être un entier.' }]);
    const tooMany = await admin.json('GET', '/api/projects?limit=1000');
    expect(tooMany.body.errors).toEqual([{ code: 'too_big', path: '/query/limit', message: 'limit doit valoir au plus 100.' }]);
  });

  it('refuses text PostgreSQL cannot store, and over-nested documents, with 422 instead of failing', async () => {
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    // (A NUL in a name is refused earlier, as a control character: see text.test.ts.)
    const nul = await admin.json('PUT', '/api/definitions/essai/draft', { name: 'A\u0000B' });
    expect(nul.status).toBe(422);
    expect(nul.body.errors[0]).toMatchObject({ code: 'invalid_characters', path: '/name' });
    const surrogate = await admin.request('PUT', '/api/definitions/essai/draft', '{"name": "\\ud800"}', { 'content-type': 'application/json' });
    expect(surrogate.status).toBe(422);
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const nested = await admin.request('POST', '/api/definitions/validate', deep, { 'content-type': 'application/json' });
    expect(nested.status).toBe(422);
    expect(((await nested.json()) as { errors: { code: string }[] }).errors[0].code).toBe('too_deep');
  });
});
