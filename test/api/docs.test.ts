import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/api';

describe('API documentation', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ publicUrl: 'https://passerelle.example' });
  });
  afterAll(async () => api?.drop());

  it('serves the same OpenAPI 3 document at /api/openapi.json and /openapi.json, without authentication', async () => {
    const [a, b] = await Promise.all([api.app.request('/api/openapi.json'), api.app.request('/openapi.json', { headers: { authorization: 'Bearer stale' } })]);
    expect(a.status).toBe(200);
    const document = (await a.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } };
    expect(await b.json()).toEqual(document);
    expect(document.openapi).toBe('3.0.3');
    expect(document.servers).toEqual([{ url: 'https://passerelle.example' }]);
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth']);
    expect(document.paths).toHaveProperty(['/api/definitions/{key}/publish']);
  });

  it('describes the blocked status and its reason on projects, in lists and as a filter', async () => {
    const document = (await (await api.app.request('/api/openapi.json')).json()) as {
      components: { schemas: Record<string, { enum?: string[]; properties?: Record<string, { nullable?: boolean; type?: string }> }> };
      paths: Record<string, { get?: { parameters?: { name: string; schema: { $ref?: string; enum?: string[] } }[] } }>;
    };
    const { schemas } = document.components;
    expect(schemas.ProjectStatus.enum).toEqual(['running', 'blocked', 'completed', 'abandoned']);
    expect(schemas.ProjectSummary.properties?.blocked_reason).toMatchObject({ type: 'string', nullable: true });
    const statusFilter = document.paths['/api/projects'].get?.parameters?.find((p) => p.name === 'status');
    expect(statusFilter?.schema.$ref ?? statusFilter?.schema.enum).toBeDefined();
    expect(JSON.stringify(schemas.Dashboard)).toContain('"blocked"');
  });

  it('serves Swagger UI from our own routes: the page, its script and style, all without credentials', async () => {
    const page = await api.app.request('/api/docs', { headers: { authorization: 'Bearer stale' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    // Offline and under script-src 'self': only files of this origin, no inline script.
    const sources = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(sources.map((m) => /src="([^"]+)"/.exec(m[1])?.[1])).toEqual(['/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
    expect(sources.every((m) => m[2].trim() === '')).toBe(true);
    expect(html).not.toMatch(/https?:\/\/(?!passerelle)/);
    for (const [path, type, marker] of [
      ['/api/docs/swagger-ui-bundle.js', /^text\/javascript/, 'SwaggerUIBundle'],
      ['/api/docs/swagger-ui.css', /^text\/css/, '.swagger-ui'],
      ['/api/docs/init.js', /^text\/javascript/, "url: '/api/openapi.json'"],
    ] as const) {
      const response = await api.app.request(path, { headers: { authorization: 'Bearer stale' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      const text = await response.text();
      expect(text).toContain(marker);
      expect(text).not.toMatch(/sourceMappingURL=/);
    }
    expect((await api.app.request('/api/docs/absent.js')).status).toBe(404);
  });

  it('describes the request body of every operation that takes one, the sign-in included', async () => {
    const document = (await (await api.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: object } }> } }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    const login = document.paths['/api/auth/login'].post.requestBody?.content['application/json'].schema;
    const schema = login?.$ref ? document.components.schemas[login.$ref.split('/').pop()!] : login;
    expect(Object.keys((schema as { properties: object }).properties)).toEqual(expect.arrayContaining(['email', 'password']));
  });
});

describe('the root address', () => {
  it('sends a person who opens it to the API documentation', async () => {
    const api = await createTestApi();
    try {
      const response = await api.app.request('/');
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/api/docs');
    } finally {
      await api.drop();
    }
  });
});
