import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('health probes', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());

  it('answers 200 with every check when all pass', async () => {
    const app = createApp({ db: database.db, health: async () => ({ temporal: true, database: true, worker: true }) });
    const healthz = await app.request('/healthz');
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toEqual({ status: 'ok', checks: { temporal: true, database: true, worker: true } });
    const readyz = await app.request('/readyz');
    expect(readyz.status).toBe(200);
    expect(await readyz.json()).toEqual({ status: 'ok', checks: { temporal: true, database: true, worker: true, api_database: true } });
  });

  it('answers 503 naming the failing check, also when the checks themselves throw', async () => {
    const failing = createApp({ db: database.db, health: async () => ({ temporal: false, database: true }) });
    const response = await failing.request('/healthz');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'fail', checks: { temporal: false, database: true } });
    const throwing = createApp({
      db: database.db,
      health: async () => {
        throw new Error('boom');
      },
    });
    expect((await throwing.request('/readyz')).status).toBe(503);
  });

  it('with no injected checks, /healthz reports only that the process runs and /readyz queries the database', async () => {
    const app = createApp({ db: database.db });
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok', checks: {} });
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ok', checks: { api_database: true } });
  });
});
