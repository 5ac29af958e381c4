// Serves the built web application (designer/, built into dist/web) from the API's process:
// hashed assets cached for a year, index.html never cached, and index.html for every other
// GET outside /api so the application's own routes (/projects/…/tasks/…, /portefeuille)
// open from a link. Registered after the API routes: an unknown /api path stays a
// problem+json 404.
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

const API_PREFIXES = ['/api/', '/healthz', '/readyz', '/openapi.json'];
const isApiPath = (path: string) => path === '/api' || API_PREFIXES.some((prefix) => path.startsWith(prefix));

export function serveWebApp(app: OpenAPIHono<AppEnv>, dir: string): void {
  const files = serveStatic<AppEnv>({
    root: dir,
    onFound: (path, c) => {
      const hashed = path.startsWith(join(dir, 'assets'));
      c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexPage = serveStatic<AppEnv>({
    root: dir,
    path: 'index.html',
    onFound: (_path, c) => {
      c.header('Cache-Control', 'no-cache');
    },
  });
  // Each piece runs in Hono's chain (so a returned response becomes c.res for compress).
  const webOnly = (handler: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> => (c, next) =>
    (c.req.method === 'GET' || c.req.method === 'HEAD') && !isApiPath(c.req.path) ? handler(c, next) : next();
  app.use('*', webOnly(compress()));
  app.use('*', webOnly(files));
  app.use('*', webOnly(indexPage));
}
