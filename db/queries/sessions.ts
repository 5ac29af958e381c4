// Cookie sessions as rows: the id is the sha-256 of the cookie's secret (api/auth/sessions.ts
// makes both), with the user, the CSRF token and the expiry.
import type { Db } from '../database';

export interface NewSession {
  /** sha-256 of the cookie's secret. */
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function insertSession(db: Db, session: NewSession, now: Date): Promise<void> {
  // Expired sessions are never used again; dropping the user's own at each login keeps the
  // table from growing without a separate clean-up job.
  await db.deleteFrom('sessions').where('user_id', '=', session.userId).where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({ id: session.id, user_id: session.userId, csrf_token: session.csrfToken, expires_at: session.expiresAt })
    .execute();
}

/** The live session of that id, or undefined when unknown or expired. */
export async function findLiveSession(db: Db, id: string, now: Date) {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of the user; returns how many there were. */
export async function endSessionsOf(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
