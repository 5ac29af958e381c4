// GET /api/openapi.json (also /openapi.json) and GET /api/docs: the document, and a page
// to read it (Swagger UI, its files served from node_modules under /api/docs/, no CDN).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenApiDocument } from '../openapi-document';
import { createRouter } from '../router';

const OpenApiSchema = z.record(z.string(), z.unknown()).openapi('OpenApiDocument');

const documentRoute = (path: string) =>
  createRoute({
    method: 'get', path, tags: ['documentation'], summary: 'Document OpenAPI 3.0 de l’API',
    responses: { 200: { description: 'Le document', content: { 'application/json': { schema: OpenApiSchema } } } },
  });

const docsPage = createRoute({
  method: 'get', path: '/api/docs', tags: ['documentation'], summary: 'Documentation lisible de l’API',
  responses: { 200: { description: 'Page HTML', content: { 'text/html': { schema: z.string() } } } },
});

// The page is Swagger UI (swagger-ui-dist), served from node_modules by our own routes: it
// shows every operation with its parameters, request body and fields, works offline, and
// runs under `script-src 'self'` (no inline script: the start-up code is /api/docs/init.js).
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
};
const assetCache = new Map<string, string>();
const asset = (name: string) => {
  let text = assetCache.get(name);
  if (text === undefined) {
    // The source map comment would send the browser to a file we do not serve.
    text = readFileSync(join(swaggerDir, ASSETS[name].file), 'utf8').replace(/\n\/[/*]# sourceMappingURL=.*$/m, '\n');
    assetCache.set(name, text);
  }
  return text;
};

const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    defaultModelsExpandDepth: 1,
    defaultModelExpandDepth: 3,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

export function renderDocsPage(title: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)}</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<noscript><p>Cette page a besoin de JavaScript. Le document OpenAPI est à <a href="/api/openapi.json">/api/openapi.json</a>.</p></noscript>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;
}

export function docsRoutes(getDocument: () => OpenApiDocument) {
  const app = createRouter();
  for (const path of ['/api/openapi.json', '/openapi.json']) {
    app.openapi(documentRoute(path), (c) => c.json(getDocument() as unknown as Record<string, unknown>, 200));
  }
  app.openapi(docsPage, (c) => c.html(renderDocsPage(getDocument().info.title), 200));
  // The page's files: plain routes, not operations of the API, so not in the document.
  const cached = { 'cache-control': 'public, max-age=3600' };
  app.get('/api/docs/init.js', (c) => c.body(INIT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', ...cached }));
  for (const name of Object.keys(ASSETS)) {
    app.get(`/api/docs/${name}`, (c) => c.body(asset(name), 200, { 'content-type': ASSETS[name].type, ...cached }));
  }
  return app;
}
