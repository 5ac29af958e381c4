// The calendar feed's queries: whose feed a secret opens (users.calendar_token), a user's
// secret and a new one, and the due dates of the open tasks the user may act on.
import { sql } from 'kysely';
import type { Db } from '../database';
import { actionableTasks } from './tasks';

/** A new feed secret: 64 hex digits drawn by the database. */
export const newCalendarToken = () => sql<string>`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`;

/** The user whose feed `token` opens, if any. */
export async function calendarOwner(db: Db, token: string) {
  return db.selectFrom('users').select(['id', 'name']).where('calendar_token', '=', token).executeTakeFirst();
}

export async function calendarTokenOf(db: Db, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('calendar_token').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.calendar_token;
}

/** Draws a new secret for the user's feed: the old one stops working at once. */
export async function resetCalendarToken(db: Db, userId: string): Promise<string> {
  const row = await db
    .updateTable('users')
    .set({ calendar_token: newCalendarToken() })
    .where('id', '=', userId)
    .returning('calendar_token')
    .executeTakeFirstOrThrow();
  return row.calendar_token;
}

/** The open tasks with a due date that the user may act on, soonest first (1,000 at most). */
export async function dueTasksOf(db: Db, userId: string) {
  const memberships = await db.selectFrom('memberships').select('organization_id').where('user_id', '=', userId).execute();
  return actionableTasks(db, memberships.map((m) => m.organization_id))
    .where('t.due_at', 'is not', null)
    .orderBy('t.due_at')
    .orderBy('t.project_id')
    .orderBy('t.task_id')
    .limit(1000)
    .execute();
}
