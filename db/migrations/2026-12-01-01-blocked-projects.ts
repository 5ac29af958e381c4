// A project can be blocked: the engine stopped a step that would never stop moving (a loop
// that nothing makes wait) and keeps the project as it was before that step, accepting only
// a cancel. `blocked_reason` says why, in French, for the project page and the portfolio;
// it is null for every other status.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The check written inline in 2026-11-24-02-projects is named by PostgreSQL after its column.
  await db.schema.alterTable('projects').dropConstraint('projects_status_check').execute();
  await db.schema
    .alterTable('projects')
    .addCheckConstraint('projects_status_check', sql`status in ('running', 'blocked', 'completed', 'abandoned')`)
    .execute();
  await db.schema.alterTable('projects').addColumn('blocked_reason', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('projects').dropColumn('blocked_reason').execute();
  await db.schema.alterTable('projects').dropConstraint('projects_status_check').execute();
  // A blocked project moves no more; the older schema can only call it running.
  await db.updateTable('projects').set({ status: 'running' }).where('status', '=', 'blocked').execute();
  await db.schema
    .alterTable('projects')
    .addCheckConstraint('projects_status_check', sql`status in ('running', 'completed', 'abandoned')`)
    .execute();
}
