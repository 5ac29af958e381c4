// GET /api/openapi.json (also /openapi.json) and GET /api/docs: the document, and a
// self-contained HTML page listing every operation. Rendered on the server with no script
// or CDN, so it works offline and under a strict Content-Security-Policy.
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

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

type Operation = { summary?: string; tags?: string[]; security?: unknown[]; responses?: Record<string, { description?: string }>; requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } };

export function renderDocsPage(document: OpenApiDocument): string {
  const sections = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, raw] of Object.entries(item as Record<string, Operation>)) {
      const op = raw;
      const tag = op.tags?.[0] ?? 'autres';
      const body = op.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop();
      const statuses = Object.entries(op.responses ?? {})
        .map(([status, r]) => `<li><code>${escape(status)}</code> ${escape(r.description ?? '')}</li>`)
        .join('');
      const lock = op.security && op.security.length > 0 ? ' <span class="auth">authentifié</span>' : '';
      const entry =
        `<section><h3><span class="m ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code>${lock}</h3>` +
        `<p>${escape(op.summary ?? '')}</p>${body ? `<p>Corps : <code>${escape(body)}</code></p>` : ''}<ul>${statuses}</ul></section>`;
      sections.set(tag, [...(sections.get(tag) ?? []), entry]);
    }
  }
  const content = [...sections].map(([tag, entries]) => `<h2>${escape(tag)}</h2>${entries.join('')}`).join('');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
section{border:1px solid #d8dde6;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}h3{margin:.25rem 0;font-size:1rem}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.get{color:#1b6f3a}.post{color:#1f4fa3}.patch,.put{color:#8a5a00}.delete{color:#a3261f}
.auth{font-size:.8rem;background:#eef1f6;border-radius:4px;padding:0 .4rem}ul{margin:.25rem 0}</style></head>
<body><h1>${escape(document.info.title)}</h1><p>${escape(document.info.description ?? '')}</p>
<p>Document machine : <a href="/api/openapi.json">/api/openapi.json</a></p>${content}</body></html>`;
}

export function docsRoutes(getDocument: () => OpenApiDocument) {
  const app = createRouter();
  for (const path of ['/api/openapi.json', '/openapi.json']) {
    app.openapi(documentRoute(path), (c) => c.json(getDocument() as unknown as Record<string, unknown>, 200));
  }
  app.openapi(docsPage, (c) => c.html(renderDocsPage(getDocument()), 200));
  return app;
}
