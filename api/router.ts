// Every route file builds its sub-application with this, so request validation failures
// become the same 422 problem everywhere, whether or not the parent's hook is found, and a
// route whose document says its JSON body is required refuses a request without one (422,
// after the route's guards) instead of validating `{}` in its place.
import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './app-env';
import { problem, validationHook } from './errors';

const requireBody = createMiddleware<AppEnv>(async (c, next) => {
  const length = c.req.header('content-length');
  const absent = !c.req.header('content-type') && !c.req.header('transfer-encoding') && (length === undefined || length === '0');
  if (absent) {
    throw problem('validation', 'La requête ne respecte pas le schéma attendu.', {
      errors: [{ code: 'required', path: '', message: 'Le corps de la requête est absent : envoyez-le en JSON (application/json).' }],
    });
  }
  return next();
});

function withBodyCheck<R extends RouteConfig>(route: R): R {
  if (!route.request?.body?.required) return route;
  const own = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  return { ...route, middleware: [...own, requireBody] };
}

export function createRouter(): OpenAPIHono<AppEnv> {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const openapi = router.openapi.bind(router);
  router.openapi = ((route: RouteConfig, ...rest: unknown[]) => (openapi as (...args: unknown[]) => unknown)(withBodyCheck(route), ...rest)) as typeof router.openapi;
  return router;
}
