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

  it('renders a self-contained HTML page listing every operation', async () => {
    const response = await api.app.request('/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<code>/api/definitions/{key}/publish</code>');
    expect(html).not.toMatch(/<script|https?:\/\/cdn/i);
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
