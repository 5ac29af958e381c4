// Walks /openapi.json and sends random and malformed requests to every operation, as every
// kind of caller. Two promises are checked on each answer: no 5xx, and the answer is one
// the document describes for that operation (status, media type and body schema).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../api/app';
import { createOrganization, createTestApi, createUser, withSession, withToken, type TestApi } from '../support/api';
import { arbitraryFor, type ArbitraryHints } from '../support/openapi-arbitrary';
import { conformance, type OpenApi, type Schema } from '../support/openapi-conformance';

type Operation = { method: string; path: string; spec: Record<string, any> };
type Attempt = { method: string; url: string; headers: Record<string, string>; body?: string };

const RUNS_PER_OPERATION = 60;
const template = (key: string) => JSON.parse(readFileSync(new URL(`../../templates/${key}.json`, import.meta.url), 'utf8'));

describe('the API under fuzzing', () => {
  let api: TestApi;
  let document: OpenApi;
  let operations: Operation[];
  let hints: ArbitraryHints;
  let callers: fc.Arbitrary<Record<string, string>>;
  let logoutCallers: fc.Arbitrary<Record<string, string>>;

  beforeAll(async () => {
    // Validation and simulation are rate-limited per user (definition-checks.test.ts); here
    // their handlers are to be fuzzed, not the limit.
    api = await createTestApi({ definitionChecks: { burst: 100_000, refillMs: 1 } });
    const organizationId = await createOrganization(api.db, { kind: 'association', academie: 'Lyon' });
    const spare = await createUser(api.db, { organizationIds: [organizationId] });
    const admin = await createUser(api.db, { isAdmin: true });
    const member = await createUser(api.db, { organizationIds: [organizationId] });
    const adminToken = await withToken(api, admin);
    const memberToken = await withToken(api, member);
    const session = await withSession(api, admin);
    const ami = template('ami-candidature');
    await adminToken.json('PUT', `/api/definitions/${ami.key}/draft`, ami);
    await adminToken.json('POST', `/api/definitions/${ami.key}/publish`);

    document = (await (await api.app.request('/api/openapi.json')).json()) as OpenApi;
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, spec]) => ({ method: method.toUpperCase(), path, spec })),
    );
    // The fuzzing callers' own accounts stay out of the id pool, so they keep their rights.
    hints = {
      ids: [organizationId, spare.id],
      documents: [ami, template('ecole-de-production'), { ...ami, nodes: [] }],
      named: { key: [ami.key], version: [1, 2] },
    };
    const weighted = (weight: number, headers: Record<string, string>) => ({ weight, arbitrary: fc.constant(headers) });
    callers = fc.oneof(
      weighted(3, { authorization: `Bearer ${adminToken.token}` }),
      weighted(2, { cookie: session.cookie, 'x-csrf-token': session.csrf }),
      weighted(2, { authorization: `Bearer ${memberToken.token}` }),
      weighted(1, {}),
      weighted(1, { cookie: session.cookie }),
      weighted(1, { cookie: 'passerelle_session=forged' }),
      weighted(1, { authorization: 'Bearer psr_forged' }),
      weighted(1, { authorization: 'Digest nonsense' }),
    );
    // Logging out would end the shared session and blind the rest of the run: it is
    // exercised with forged cookies here, and for real in auth.test.ts.
    logoutCallers = callers.map((h) => (h.cookie === session.cookie ? { cookie: 'passerelle_session=forged' } : h));
  });
  afterAll(async () => api?.drop());

  /** Sends one request and returns what is wrong with the answer (empty when all is well). */
  async function check(operation: Operation, attempt: Attempt): Promise<string[]> {
    const response = await api.app.request(attempt.url, { method: attempt.method, headers: attempt.headers, body: attempt.body });
    const label = `${attempt.method} ${attempt.url} → ${response.status}`;
    const text = await response.text();
    if (response.status >= 500) return [`${label}: server error ${text.slice(0, 300)}`];
    const documented = operation.spec.responses?.[String(response.status)] ?? operation.spec.responses?.default;
    if (!documented) return [`${label}: status not documented for ${operation.method} ${operation.path}`];
    const content = documented.content as Record<string, { schema: Schema }> | undefined;
    if (!content) return text === '' ? [] : [`${label}: documented without a body but answered one`];
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
    const declared = content[mediaType];
    if (!declared) return [`${label}: media type ${mediaType} not documented (${Object.keys(content).join(', ')})`];
    if (!mediaType.includes('json')) return [];
    return conformance(document, declared.schema, JSON.parse(text)).map((p) => `${label}: body ${p}`);
  }

  function pathFor(operation: Operation, params: Record<string, string>): string {
    return operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  }

  // A path parameter: per its schema most of the time, otherwise any non-empty text
  // ("." and ".." would be resolved by URL parsing into another route).
  function paramArbitrary(name: string, schema: Schema): fc.Arbitrary<string> {
    const garbage = fc.string({ minLength: 1, maxLength: 40, unit: 'binary' }).filter((s) => s !== '.' && s !== '..');
    return fc.oneof({ weight: 3, arbitrary: arbitraryFor(document, schema, hints, 0, name).map(String) }, { weight: 1, arbitrary: garbage });
  }

  function requestArbitrary(operation: Operation): fc.Arbitrary<Attempt> {
    const parameters = (operation.spec.parameters ?? []) as { name: string; in: string; schema: Schema; required?: boolean }[];
    const pathParams = Object.fromEntries(parameters.filter((p) => p.in === 'path').map((p) => [p.name, paramArbitrary(p.name, p.schema)]));
    const queryParams = Object.fromEntries(
      parameters.filter((p) => p.in === 'query').map((p) => [p.name, fc.oneof(arbitraryFor(document, p.schema, hints, 0, p.name).map(String), fc.string({ unit: 'binary' }))]),
    );
    const bodySchema = operation.spec.requestBody?.content?.['application/json']?.schema as Schema | undefined;
    const valid = bodySchema ? arbitraryFor(document, bodySchema, hints) : fc.constant(undefined);
    const bodies: fc.Arbitrary<{ body?: string; type?: string }> = fc.oneof(
      { weight: 4, arbitrary: valid.map((v) => (v === undefined ? {} : { body: JSON.stringify(v), type: 'application/json' })) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ body: JSON.stringify(v), type: 'application/json' })) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((s) => ({ body: s, type: 'application/json' })) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => ({ body: s, type: 'text/plain' })) },
      { weight: 1, arbitrary: fc.constant({}) },
    );
    return fc
      .record({ callers: operation.path === '/api/auth/logout' ? logoutCallers : callers, path: fc.record(pathParams), query: fc.record(queryParams, { requiredKeys: [] }), payload: bodies })
      .map(({ callers: headers, path, query, payload }) => {
        const search = new URLSearchParams(query as Record<string, string>).toString();
        return {
          method: operation.method,
          url: pathFor(operation, path as Record<string, string>) + (search ? `?${search}` : ''),
          headers: { ...headers, ...(payload.type ? { 'content-type': payload.type } : {}) },
          body: operation.method === 'GET' ? undefined : payload.body,
        };
      });
  }

  it('answers random requests to every operation without a 5xx, as documented', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async (attempt) => {
          const problems = await check(operation, attempt);
          failures.push(...problems);
          return problems.length === 0;
        }),
        { numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('answers bad input for every operation as documented: malformed, oversized, wrong types, unknown ids', async () => {
    const failures: string[] = [];
    const admin = (await withToken(api, await createUser(api.db, { isAdmin: true }))).token;
    const auth = { authorization: `Bearer ${admin}` };
    for (const operation of operations) {
      const params = Object.fromEntries(
        ((operation.spec.parameters ?? []) as { name: string; in: string; schema: Schema }[])
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, p.name === 'key' ? 'inconnue' : p.name === 'version' ? '7' : '6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11']),
      );
      const url = pathFor(operation, params);
      const json = { ...auth, 'content-type': 'application/json' };
      const attempts: Attempt[] = [
        { method: operation.method, url, headers: auth }, // unknown ids
        { method: operation.method, url, headers: {} }, // anonymous
      ];
      // A GET request cannot carry a body through the Fetch API (app.request) at all.
      if (operation.method !== 'GET') {
        attempts.push(
          { method: operation.method, url, headers: json, body: ' '.repeat(MAX_BODY_BYTES + 1) },
          { method: operation.method, url, headers: json, body: '{"unterminated": ' },
          { method: operation.method, url, headers: { ...auth, 'content-type': 'text/plain' }, body: 'bonjour' },
          { method: operation.method, url, headers: json, body: '[1, "deux", null]' },
          { method: operation.method, url, headers: json, body: '{"name": 42, "email": false, "kind": [], "definition": 3}' },
        );
      }
      for (const attempt of attempts) failures.push(...(await check(operation, attempt)));
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('answers 405 with Allow for undocumented methods and 404 for unknown paths', async () => {
    const templates = Object.entries(document.paths).map(([path, item]) => ({
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
      methods: Object.keys(item).map((m) => m.toUpperCase()),
    }));
    for (const path of Object.keys(document.paths)) {
      const url = path.replace(/\{key\}/, 'cle').replace(/\{version\}/, '1').replace(/\{\w+\}/g, '6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11');
      // `/api/definitions/validate` is also `/api/definitions/{key}`: every template counts.
      const allowed = templates.filter((t) => t.pattern.test(url)).flatMap((t) => t.methods);
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !allowed.includes(m))) {
        const response = await api.app.request(url, { method });
        expect(response.status, `${method} ${url}`).toBe(405);
        expect(response.headers.get('allow')?.split(', ')).toEqual(expect.arrayContaining(allowed));
      }
    }
    for (const path of ['/api', '/api/', '/api/users/x/y', '/api/definitions/a/versions', '/nothing']) {
      expect((await api.app.request(path)).status, path).toBe(404);
    }
  });
});
