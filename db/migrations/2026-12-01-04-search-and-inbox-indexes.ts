// Two plans the full-size read-model bench (100,000 projects, 500,000 tasks) showed scanning:
// - the title search (`?q=`, `ilike '%…%'`) walked every project newest first, filtering
//   each (450 ms); a trigram index answers it from the few matching titles (0.4 ms);
// - inboxes and calendars checked each of the caller's running projects for its open task
//   through the (assignee, status) index, which holds every open task of that role (140 ms);
//   open tasks by project and assignee make that one lookup each (14 ms).
// pg_trgm is a trusted extension: the database's owner may create it, no superuser needed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create index projects_title_trgm_idx on projects using gin (title gin_trgm_ops)`.execute(db);
  await db.schema
    .createIndex('tasks_open_assignee_idx')
    .on('tasks')
    .columns(['project_id', 'assignee'])
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_open_assignee_idx').execute();
  await db.schema.dropIndex('projects_title_trgm_idx').execute();
}
