// The Hono application: dependencies in, an OpenAPIHono app out. No server is started here
// (the start script serves it; tests call `app.request()` in-process). Every route is
// declared with zod so the same schemas validate requests and produce /openapi.json.
//
// Every response, errors included, gets the security headers (security-headers.ts).
// Order of checks for an /api request, so a refused request never reaches a handler:
// body size (413) → caller from cookie or Bearer (401 on a bad token) → CSRF on cookie
// writes (403) → the route's guard (401/403) → request validation (400/415/422) → handler.
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppDeps, AppEnv } from './app-env';
import { authenticate, csrfProtection } from './auth/middleware';
import { createErrorHandler, createNotFoundHandler, problem, validationHook } from './errors';
import { buildOpenApiDocument, registerSecuritySchemes, type OpenApiDocument } from './openapi-document';
import { DEFINITION_CHECKS, createRateLimiter } from './rate-limit';
import { parseTrustedProxies, requestOrigin } from './request-origin';
import { securityHeaders } from './security-headers';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendar';
import { dashboardRoutes } from './routes/dashboard';
import { definitionRoutes } from './routes/definitions';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { instanceRoutes } from './routes/instance';
import { meRoutes } from './routes/me';
import { organizationRoutes } from './routes/organizations';
import { personalDataRoutes } from './routes/personal-data';
import { projectRoutes } from './routes/projects';
import { taskRoutes } from './routes/tasks';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import { serveWebApp } from './web-app';

export type { AppDeps } from './app-env';

/** Bodies above this are refused with 413 before anything parses them. */
export const MAX_BODY_BYTES = 1024 * 1024;

// Reading the API's own description (and the files of its page, /api/docs/…) needs no
// account, even with a stale token.
const PUBLIC_API_PATHS = new Set(['/api/openapi.json', '/api/docs', '/api/instance']);
// Logging in replaces whatever session the browser had; there is no token to check yet.
const CSRF_EXEMPT_PATHS = new Set(['/api/auth/login']);

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const resolved = {
    ...deps,
    now: deps.now ?? (() => new Date()),
    sleep: deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
  };
  const trustedProxies = parseTrustedProxies(deps.trustedProxies);
  const definitionChecks = createRateLimiter(deps.definitionChecks ?? DEFINITION_CHECKS);

  app.onError(createErrorHandler());
  app.notFound(createNotFoundHandler(() => app.routes));
  registerSecuritySchemes(app);

  app.use('*', async (c, next) => {
    c.set('deps', resolved);
    c.set('origin', requestOrigin(c, trustedProxies));
    c.set('definitionChecks', definitionChecks);
    c.set('user', undefined);
    c.set('auth', undefined);
    await next();
  });
  app.use('*', securityHeaders);
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw problem('payload-too-large', 'Le corps de la requête dépasse 1 Mo.');
      },
    }),
  );
  const isPublic = (path: string) => PUBLIC_API_PATHS.has(path) || path.startsWith('/api/docs/');
  app.use('/api/*', createMiddleware<AppEnv>((c, next) => (isPublic(c.req.path) ? next() : authenticate(c, next))));
  app.use('/api/*', createMiddleware<AppEnv>((c, next) => (CSRF_EXEMPT_PATHS.has(c.req.path) ? next() : csrfProtection(c, next))));

  app.route('/', healthRoutes());
  app.route('/api', instanceRoutes());
  app.route('/api', authRoutes());
  app.route('/api', meRoutes());
  app.route('/api', tokenRoutes());
  app.route('/api', organizationRoutes());
  app.route('/api', userRoutes());
  app.route('/api', definitionRoutes());
  app.route('/api', projectRoutes());
  app.route('/api', taskRoutes());
  app.route('/api', dashboardRoutes());
  app.route('/api', calendarRoutes());
  app.route('/api', auditRoutes());
  app.route('/api', personalDataRoutes());

  let document: OpenApiDocument | undefined;
  app.route('/', docsRoutes(() => (document ??= buildOpenApiDocument(app, deps.publicUrl))));
  // The web application answers every other page; an API-only process (no built
  // application) sends someone opening its address to the API's documentation.
  if (deps.webAppDir) serveWebApp(app, deps.webAppDir);
  else app.get('/', (c) => c.redirect('/api/docs', 302));
  return app;
}
