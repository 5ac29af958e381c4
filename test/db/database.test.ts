import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database';
import { createTestDatabase, type TestDatabase } from '../support/database';

describe('the database factory', () => {
  let pgTest: TestDatabase;
  beforeAll(async () => {
    pgTest = await createTestDatabase();
  });
  afterAll(async () => pgTest?.drop());

  it('migrates PostgreSQL and keeps JSON documents as written', async () => {
    const doc = { format: 'passerelle.process/1', nodes: [1, 2, 3] };
    await pgTest.db.insertInto('definitions').values({ key: 'essai', name: 'Essai' }).execute();
    await pgTest.db
      .insertInto('definition_versions')
      .values({ key: 'essai', version: 1, document: JSON.stringify(doc) })
      .execute();
    const row = await pgTest.db.selectFrom('definition_versions').selectAll().executeTakeFirstOrThrow();
    expect(row.document).toEqual(doc);
  });

  it('runs the same migrations on embedded PGlite, and running them twice changes nothing', async () => {
    const db = await createDatabase({ memory: true });
    try {
      const org = await db
        .insertInto('organizations')
        .values({ name: 'FNEP', kind: 'federation' })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
      const { migrateToLatest } = await import('../../db/database');
      await migrateToLatest(db);
      const count = await db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('refuses an organization kind that does not exist', async () => {
    await expect(
      pgTest.db.insertInto('organizations').values({ name: 'X', kind: 'club' as never }).execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('lets a project be blocked with a reason, and still refuses a status that does not exist', async () => {
    const project = (status: string) => ({
      id: crypto.randomUUID(),
      workflow_id: `project-${crypto.randomUUID()}`,
      title: 'Boucle',
      definition_key: 'boucle',
      definition_version: 1,
      result: null,
      phase: null,
      next_due_at: null,
      academie: null,
      parent_project_id: null,
      created_by: null,
      finished_at: null,
      status: status as never,
    });
    const blocked = project('blocked');
    await pgTest.db.insertInto('projects').values({ ...blocked, blocked_reason: 'Le projet tourne en boucle.' }).execute();
    const row = await pgTest.db.selectFrom('projects').select(['status', 'blocked_reason']).where('id', '=', blocked.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'blocked', blocked_reason: 'Le projet tourne en boucle.' });
    await expect(pgTest.db.insertInto('projects').values(project('stuck')).execute()).rejects.toThrow(/check constraint/);
  });
});

