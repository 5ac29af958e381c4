// Indexes the read model's pages asked for at a federation's scale (100,000 projects,
// 500,000 tasks; see bench/README.md for the plans). Project lists are newest first and
// keyset-paginated on (started_at, id): without an index on that key every page sorted the
// whole table; with the status first, "running" (a few thousand rows among 100,000) reads
// only its own. Inboxes, dashboards and calendars look only at open tasks, a small slice of
// the table that a partial index keeps small as finished projects pile up.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('projects_started_idx').on('projects').columns(['started_at desc', 'id desc']).execute();
  await db.schema
    .createIndex('projects_status_started_idx')
    .on('projects')
    .columns(['status', 'started_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('tasks_open_due_idx')
    .on('tasks')
    .columns(['due_at', 'project_id'])
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['tasks_open_due_idx', 'projects_status_started_idx', 'projects_started_idx']) {
    await db.schema.dropIndex(index).execute();
  }
}
