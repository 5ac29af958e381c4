// A fresh, migrated PostgreSQL database per test file on the real server
// (TEST_POSTGRES_URL, default the local trust-auth server), dropped afterwards.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Db } from '../../db/database';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `passerelle_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await createDatabase({ url: url.toString() });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.destroy();
      // pg's pool may resolve end() a moment before its sockets close; a forced drop would
      // then kill them and surface as an unhandled error, so wait for them first.
      for (let attempt = 0; ; attempt++) {
        try {
          await admin((c) => c.query(`drop database if exists ${name}`));
          return;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
  };
}
