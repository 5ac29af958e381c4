// Server-side sessions: the cookie carries a random secret, the database keeps its sha-256
// with the user, the CSRF token and the expiry (db/queries/sessions.ts holds the rows).
// Logging out deletes the row.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../../db/database';
import { findLiveSession, insertSession } from '../../db/queries/sessions';
import type { AppEnv } from '../app-env';
import { overHttps } from '../request-origin';
import { randomSecret, sha256 } from './secrets';

/** The cookie's name over plain http; over HTTPS it is `__Host-passerelle_session`. */
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
  await insertSession(db, { id: sha256(secret), userId, csrfToken, expiresAt }, now);
  return { secret, csrfToken, expiresAt };
}

/** The live session for a cookie secret, or undefined when unknown or expired. */
export async function findSession(db: Db, secret: string, now: Date) {
  return findLiveSession(db, sha256(secret), now);
}

// Over HTTPS the cookie is Secure and named with the __Host- prefix, which browsers only
// accept when Secure, for Path=/ and without Domain: no subdomain nor plain-http page can
// then plant a session cookie of its own. Over plain http (local development) browsers drop
// Secure cookies, so the cookie is neither. Reading uses the same rule: over HTTPS only the
// __Host- cookie counts.
function isSecure(c: Context<AppEnv>): boolean {
  return overHttps(c.var.origin, c.var.deps.publicUrl);
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return isSecure(c) ? getCookie(c, SESSION_COOKIE, 'host') : getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context<AppEnv>, session: OpenedSession): void {
  const secure = isSecure(c);
  setCookie(c, SESSION_COOKIE, session.secret, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: session.expiresAt,
    ...(secure ? { prefix: 'host' as const } : {}),
  });
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const secure = isSecure(c);
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure, ...(secure ? { prefix: 'host' as const } : {}) });
}
