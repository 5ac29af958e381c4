// /api/definitions/validate and /simulate cost CPU for anyone signed in: a per-user rate
// (429 with Retry-After), a 256 KB body, and a simulation that stops after its time budget
// however costly each step of the document is.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../api/errors';
import { MAX_CHECKED_BYTES, SIMULATION_BUDGET_MS } from '../../api/routes/definitions';
import { caller, createTestApi, createUser, withToken, type TestApi } from '../support/api';

const ami = JSON.parse(readFileSync(new URL('../../templates/ami-candidature.json', import.meta.url), 'utf8'));

/** A valid document whose simulation costs more per step the wider it is: a fork into `n` tasks. */
function wideFork(n: number) {
  const nodes: unknown[] = [{ id: 'start', type: 'start' }, { id: 'fork', type: 'parallel' }, { id: 'join', type: 'parallel' }, { id: 'end', type: 'end' }];
  const edges: unknown[] = [{ id: 'a', from: 'start', to: 'fork' }, { id: 'z', from: 'join', to: 'end' }];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `t${i}`, type: 'task', assignee: 'equipe' });
    edges.push({ id: `x${i}`, from: 'fork', to: `t${i}` }, { id: `y${i}`, from: `t${i}`, to: 'join' });
  }
  return { format: 'passerelle.process/1', key: 'large', name: 'Large', roles: [{ key: 'equipe', label: 'Équipe' }], nodes, edges };
}

describe('checking documents', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  it('lets each user 10 calls at once, then one every 2 seconds, answering 429 with Retry-After', async () => {
    const user = await withToken(api, await createUser(api.db));
    for (let i = 0; i < 5; i++) {
      expect((await user.json('POST', '/api/definitions/validate', ami)).status).toBe(200);
      expect((await user.json('POST', '/api/definitions/simulate', { definition: ami })).status).toBe(200);
    }
    const refused = await user.request('POST', '/api/definitions/simulate', { definition: ami });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await refused.json()) as { type: string; detail: string };
    expect(problem.type).toBe(`${PROBLEM_BASE}too-many-requests`);
    expect(problem.detail).toBe('Trop de validations ou de simulations en peu de temps. Réessayez dans 2 secondes.');
    expect((await user.json('POST', '/api/definitions/validate', ami)).status).toBe(429);

    // Another user has their own allowance; an anonymous call is refused before it counts.
    expect((await (await withToken(api, await createUser(api.db))).json('POST', '/api/definitions/validate', ami)).status).toBe(200);
    expect((await caller(api, {}).json('POST', '/api/definitions/validate', ami)).status).toBe(401);

    api.clock.now = new Date(api.clock.now.getTime() + 2_000);
    expect((await user.json('POST', '/api/definitions/validate', ami)).status).toBe(200);
    expect((await user.json('POST', '/api/definitions/validate', ami)).status).toBe(429);
  });

  it('refuses a document over 256 KB with 413', async () => {
    const user = await withToken(api, await createUser(api.db));
    const padded = { ...ami, description: 'x'.repeat(MAX_CHECKED_BYTES) };
    for (const [path, body] of [['/api/definitions/validate', padded], ['/api/definitions/simulate', { definition: padded }]] as const) {
      const refused = await user.json('POST', path, body);
      expect(refused.status, path).toBe(413);
      expect(refused.body.detail).toBe('Le document dépasse 256 Ko.');
    }
  });

  it('stops a simulation that would take long after its time budget, answering what it computed', async () => {
    const user = await withToken(api, await createUser(api.db));
    const document = wideFork(2_000);
    expect(JSON.stringify({ definition: document }).length).toBeLessThan(MAX_CHECKED_BYTES);
    const started = performance.now();
    const run = await user.json('POST', '/api/definitions/simulate', { definition: document });
    const took = performance.now() - started;
    expect(run.status).toBe(200);
    expect(run.body.result).toBe('limit');
    expect(run.body.end).toBeNull();
    expect(run.body.events.length).toBeGreaterThan(2_000); // the fork opened every task, then some completed
    // Unbounded, this run takes about 20 s; validation and the response add a little.
    expect(took).toBeLessThan(SIMULATION_BUDGET_MS + 3_000);
  });
});
