// With TEMPORAL_ADDRESS and DATABASE_URL, `npm start` uses the cluster and the database it
// is given and spawns nothing of its own.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../stack/temporal-dev-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { processesMentioning, startStack } from '../support/stack-process';

describe('npm start against an external Temporal and PostgreSQL', () => {
  let temporal: DevServer;
  let database: TestDatabase;
  beforeAll(async () => {
    [temporal, database] = await Promise.all([startDevServer(), createTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([temporal?.stop(), database?.drop()]);
  });

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
    } finally {
      expect(await stack.stop()).toBe(0);
    }
  }, 300_000);
});
