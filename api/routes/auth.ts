// POST /api/auth/login and /api/auth/logout: cookie sessions for people. Failed logins are
// slowed down per e-mail and per client address (see auth/login-throttle.ts).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { problem } from '../errors';
import type { AppEnv } from '../app-env';
import { loadCurrentUser } from '../auth/current-user';
import { ADDRESS_RULE, EMAIL_RULE, assertNotBlocked, claimAttempt, clearFailures, forgive } from '../auth/login-throttle';
import { verifyPassword } from '../auth/password';
import { clearSessionCookie, closeSession, openSession, writeSessionCookie } from '../auth/sessions';
import { jsonBody, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { MeSchema } from '../schemas/user';
import { describeMe } from './me';

const LoginSchema = z
  .object({
    email: z.string().trim().min(1).max(320).openapi({ example: 'camille@fnep.fr' }),
    password: z.string().min(1).max(1024),
  })
  .openapi('Login');

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['compte'],
  summary: 'Se connecter (ouvre une session par cookie)',
  request: { body: jsonBody(LoginSchema) },
  responses: {
    200: jsonContent(MeSchema, 'Connecté ; le cookie de session est posé, csrf_token est à renvoyer en X-CSRF-Token'),
    ...problems(400, 401, 413, 415, 422, 429),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['compte'],
  summary: 'Se déconnecter (ferme la session du cookie)',
  responses: { 204: { description: 'Session fermée (ou aucune session)' }, ...problems(401, 403) },
});

// Node's server exposes the socket in the bindings; in-process tests have none.
function clientAddress(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

export function authRoutes() {
  const app = createRouter();

  app.openapi(login, async (c) => {
    const { db, now, publicUrl } = c.var.deps;
    const body = c.req.valid('json');
    const email = body.email.toLowerCase();
    const emailKey = `email:${email}`;
    const addressKey = `ip:${clientAddress(c)}`;
    await assertNotBlocked(db, [emailKey, addressKey], now());
    // Counted as failures before the (slow) password check, so a burst of simultaneous
    // guesses is throttled like the same guesses one after the other.
    const emailClaim = await claimAttempt(db, emailKey, EMAIL_RULE, now());
    const addressClaim = await claimAttempt(db, addressKey, ADDRESS_RULE, now()).catch(async (error: unknown) => {
      await forgive(db, emailClaim);
      throw error;
    });

    const row = await db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst();
    const user = (await verifyPassword(row?.password_hash ?? null, body.password)) && row ? await loadCurrentUser(db, row.id) : undefined;
    if (!user) throw problem('invalid-credentials', 'Adresse e-mail ou mot de passe incorrect.');
    await clearFailures(db, emailKey);
    await forgive(db, addressClaim);
    const session = await openSession(db, user.id, now());
    writeSessionCookie(c, session, publicUrl);
    return c.json(await describeMe(db, user, session.csrfToken), 200);
  });

  app.openapi(logout, async (c) => {
    const auth = c.var.auth;
    if (auth?.kind === 'session') await closeSession(c.var.deps.db, auth.sessionId);
    clearSessionCookie(c, c.var.deps.publicUrl);
    return c.body(null, 204);
  });

  return app;
}
