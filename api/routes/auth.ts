// POST /api/auth/login and /api/auth/logout: cookie sessions for people. Failed logins are
// slowed down per account, per client address and per both (see auth/login-throttle.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { deleteSession } from '../../db/queries/sessions';
import { credentialsOf, findIdentity } from '../../db/queries/users';
import { claimLogin, loginKeys, loginSucceeded } from '../auth/login-throttle';
import { verifyPassword } from '../auth/password';
import { clearSessionCookie, openSession, writeSessionCookie } from '../auth/sessions';
import { problem } from '../errors';
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
  description:
    'Les échecs sont comptés par compte et par adresse du client. Au-delà de quelques échecs, la vérification ' +
    'attend quelques secondes au plus ; une adresse qui a trop échoué sur un compte est refusée (429, Retry-After) ' +
    'sur ce compte, même avec le bon mot de passe, mais les autres adresses ne le sont pas.',
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

export function authRoutes() {
  const app = createRouter();

  app.openapi(login, async (c) => {
    const { db, now, sleep } = c.var.deps;
    const body = c.req.valid('json');
    const email = body.email.toLowerCase();
    // Counted as a failure before the (slow) password check, so a burst of simultaneous
    // guesses is throttled like the same guesses one after the other.
    const claimed = await claimLogin(db, loginKeys(email, c.var.origin.address), now());
    if (claimed.waitMs > 0) await sleep(claimed.waitMs);

    const row = await credentialsOf(db, email);
    const user = (await verifyPassword(row?.password_hash ?? null, body.password)) && row ? await findIdentity(db, row.id) : undefined;
    if (!user) throw problem('invalid-credentials', 'Adresse e-mail ou mot de passe incorrect.');
    await loginSucceeded(db, claimed);
    const session = await openSession(db, user.id, now());
    writeSessionCookie(c, session);
    return c.json(await describeMe(db, user, session.csrfToken), 200);
  });

  app.openapi(logout, async (c) => {
    const auth = c.var.auth;
    if (auth?.kind === 'session') await deleteSession(c.var.deps.db, auth.sessionId);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  return app;
}
