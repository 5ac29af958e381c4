// Who is calling: `authenticate` resolves the session cookie or Bearer token into
// `c.var.user` / `c.var.auth` on every /api request (anonymous when neither is present);
// `requireUser` and `requireAdmin` guard routes; `csrfProtection` refuses cookie-authenticated
// state changes without the session's token in X-CSRF-Token (double submit). Bearer requests
// are exempt: browsers never attach them on their own, so they cannot be forged cross-site.
import { createMiddleware } from 'hono/factory';
import { findIdentity } from '../../db/queries/users';
import type { AppEnv, CurrentUser } from '../app-env';
import { problem } from '../errors';
import { useApiToken } from './api-tokens';
import { sameSecret } from './secrets';
import { findSession, readSessionCookie } from './sessions';

export const CSRF_HEADER = 'X-CSRF-Token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const { db, now } = c.var.deps;
  c.set('user', undefined);
  c.set('auth', undefined);
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    // A presented but wrong token is refused outright rather than treated as anonymous,
    // so a script with a revoked token learns it at once, even on public routes.
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match ? await useApiToken(db, match[1], now()) : undefined;
    const user = token ? await findIdentity(db, token.user_id) : undefined;
    if (!token || !user) throw problem('unauthenticated', 'Jeton d’API invalide ou révoqué.');
    c.set('user', user);
    c.set('auth', { kind: 'token', tokenId: token.id });
    return next();
  }
  const secret = readSessionCookie(c);
  if (secret) {
    const session = await findSession(db, secret, now());
    const user = session ? await findIdentity(db, session.user_id) : undefined;
    // An expired or unknown cookie is simply anonymous: the browser will be asked to log in.
    if (session && user) {
      c.set('user', user);
      c.set('auth', { kind: 'session', sessionId: session.id, csrfToken: session.csrf_token });
    }
  }
  return next();
});

export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  const auth = c.var.auth;
  if (auth?.kind === 'session' && !SAFE_METHODS.has(c.req.method)) {
    const sent = c.req.header(CSRF_HEADER);
    if (!sent || !sameSecret(sent, auth.csrfToken)) {
      throw problem('csrf-failed', `En-tête ${CSRF_HEADER} absent ou différent du jeton de la session.`);
    }
  }
  return next();
});

/** The caller, or 401. For handlers: `const user = currentUser(c)`. */
export function currentUser(c: { var: AppEnv['Variables'] }): CurrentUser {
  const user = c.var.user;
  if (!user) throw problem('unauthenticated', 'Connectez-vous ou fournissez un jeton d’API.');
  return user;
}

export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  currentUser(c);
  return next();
});

export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (!currentUser(c).isAdmin) {
    throw problem('forbidden', 'Réservé aux administrateurs de la fédération.');
  }
  return next();
});
