// Server-side sessions: the cookie carries a random secret, the database keeps its sha-256
// with the user, the CSRF token and the expiry. Logging out deletes the row.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/database';
import { randomSecret, sha256 } from './secrets';

export const SESSION_COOKIE = 'passerelle_session';
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export interface OpenedSession {
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function openSession(db: Db, userId: string, now: Date): Promise<OpenedSession> {
  const secret = randomSecret();
  const csrfToken = randomSecret();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  // Expired sessions are never used again; dropping the user's own at each login keeps the
  // table from growing without a separate clean-up job.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
  await db
    .insertInto('sessions')
    .values({ id: sha256(secret), user_id: userId, csrf_token: csrfToken, expires_at: expiresAt })
    .execute();
  return { secret, csrfToken, expiresAt };
}

/** The live session for a cookie secret, or undefined when unknown or expired. */
export async function findSession(db: Db, secret: string, now: Date) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sha256(secret))
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function closeSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

// Secure only behind https: browsers drop Secure cookies on plain http (local development).
function isSecure(c: Context, publicUrl: string | undefined): boolean {
  return (publicUrl ?? c.req.url).startsWith('https://');
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context, session: OpenedSession, publicUrl: string | undefined): void {
  setCookie(c, SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c, publicUrl),
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(c: Context, publicUrl: string | undefined): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isSecure(c, publicUrl) });
}
