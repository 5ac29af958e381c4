// With TEMPORAL_ADDRESS and DATABASE_URL, `npm start` uses the cluster and the database it
// is given and spawns nothing of its own; with PASSERELLE_WORKER=0 it is the API alone, and
// polls no task queue.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostname } from 'node:os';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../stack/temporal-dev-server';
import { connectClient, TASK_QUEUE } from '../../temporal.config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { processesMentioning, startStack, type StackProcess } from '../support/stack-process';
import { waitFor } from '../support/wait';

describe('npm start against an external Temporal and PostgreSQL', () => {
  let temporal: DevServer;
  let database: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    [temporal, database] = await Promise.all([startDevServer(), createTestDatabase()]);
    client = await connectClient({ address: temporal.address, waitMs: 30_000 });
  });
  afterAll(async () => {
    await client?.connection.close();
    await Promise.all([temporal?.stop(), database?.drop()]);
  });

  /** Whether a worker of that process polls Passerelle's task queue (the SDK names a worker `<pid>@<host>`). */
  const polls = async (stack: StackProcess) => {
    const { pollers } = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: TASK_QUEUE } });
    return pollers.some((p) => p.identity === `${stack.child.pid}@${hostname()}`);
  };

  it('spawns no Temporal server, keeps nothing in its data folder, and migrates but does not seed the given database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-external-'));
    const stack = await startStack(dataDir, { env: { TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: database.url } });
    try {
      const health = await fetch(`${stack.url}/healthz`).then((r) => r.json());
      expect(health.checks).toEqual({ temporal: true, database: true, worker: true });
      // An embedded dev server would run with --db-filename inside the data folder.
      expect(processesMentioning(dataDir)).toEqual([]);
      expect(readdirSync(dataDir)).toEqual([]);
      expect(existsSync(join(dataDir, 'temporal.db'))).toBe(false);
      // It migrated the database it was given, and seeded no demo accounts into it: their
      // administrator's password is public, which has no place in production.
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['projects', 'tasks', 'users']));
      expect(await database.db.selectFrom('users').select('email').execute()).toEqual([]);
      // So nobody can sign in yet: the start says how to make the first administrator.
      expect(stack.output.join('')).toContain('npm run admin -- create <e-mail>');
      // Its own worker polls the task queue.
      await waitFor(async () => expect(await polls(stack)).toBe(true));
    } finally {
      expect(await stack.stop()).toBe(0);
    }
  }, 300_000);

  it('serves the API without a worker with PASSERELLE_WORKER=0, and refuses that setting on the embedded database', async () => {
    const env = { TEMPORAL_ADDRESS: temporal.address, DATABASE_URL: database.url, PASSERELLE_WORKER: '0' };
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-api-alone-'));
    try {
      const stack = await startStack(dataDir, { env });
      try {
        const health = await fetch(`${stack.url}/healthz`).then((r) => r.json());
        expect(health.checks).toEqual({ temporal: true, database: true });
        expect(stack.output.join('')).toContain('sans worker (PASSERELLE_WORKER=0)');
        expect(await polls(stack)).toBe(false);
      } finally {
        expect(await stack.stop()).toBe(0);
      }
      // Nothing else could open the embedded database, so no worker could ever do the work.
      await expect(startStack(dataDir, { env: { PASSERELLE_WORKER: '0' } })).rejects.toThrow('PASSERELLE_WORKER=0 demande DATABASE_URL');
      await expect(startStack(dataDir, { env: { ...env, PASSERELLE_WORKER: 'non' } })).rejects.toThrow('PASSERELLE_WORKER doit valoir 1');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
