// The security headers as they go over the wire, on every kind of answer: the web
// application's page and files, API answers and API errors, probes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../api/app';
import { CONTENT_SECURITY_POLICY } from '../../api/security-headers';
import { PASSWORD, createTestApi, createUser, type TestApi } from '../support/api';
import { listen, type Listening } from '../support/http';

describe('security headers', () => {
  let api: TestApi;
  let server: Listening;
  let webAppDir: string;
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    webAppDir = mkdtempSync(join(tmpdir(), 'passerelle-web-'));
    mkdirSync(join(webAppDir, 'assets'));
    writeFileSync(join(webAppDir, 'index.html'), '<!doctype html><html lang="fr"><body><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script></body></html>');
    writeFileSync(join(webAppDir, 'assets', 'app-1a2b.js'), 'console.log("Passerelle");');
    api = await createTestApi({ trustedProxies: ['127.0.0.1'], webAppDir });
    server = await listen(api.app);
    const user = await createUser(api.db);
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(login.headers.get('cache-control')).toBe('no-store');
    session = { cookie: /passerelle_session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0], csrf: ((await login.json()) as { csrf_token: string }).csrf_token };
  });
  afterAll(async () => {
    await server?.close();
    await api?.drop();
    if (webAppDir) rmSync(webAppDir, { recursive: true, force: true });
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);

  function expectCommonHeaders(response: Response, label: string) {
    expect(response.headers.get('x-content-type-options'), label).toBe('nosniff');
    expect(response.headers.get('content-security-policy'), label).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-frame-options'), label).toBe('DENY');
    expect(response.headers.get('referrer-policy'), label).toBe('no-referrer');
  }

  it('sends the CSP fit for the web application, which forbids framing and foreign scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self' 'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob:");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self'");
  });

  it('puts them on the web application, keeping its own caching', async () => {
    const page = await get('/projects/123');
    expect(page.status).toBe(200);
    expectCommonHeaders(page, 'page');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const asset = await get('/assets/app-1a2b.js');
    expectCommonHeaders(asset, 'asset');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('puts them, with Cache-Control: no-store, on API answers and errors alike', async () => {
    const authenticated = { cookie: session.cookie };
    const answers: [string, Response][] = [
      ['me', await get('/api/me', { headers: authenticated })],
      ['anonymous me', await get('/api/me')],
      ['unknown', await get('/api/nothing-here')],
      ['method', await get('/api/me', { method: 'PUT' })],
      // Over a socket the server answers 413 before reading the body and the client's write
      // fails, so this one is asked in-process.
      ['too large', await api.app.request('/api/tokens', { method: 'POST', headers: { ...authenticated, 'x-csrf-token': session.csrf, 'content-type': 'application/json' }, body: ' '.repeat(MAX_BODY_BYTES + 1) })],
      ['documentation', await get('/api/openapi.json')],
    ];
    expect(answers.map(([label, r]) => `${label} ${r.status}`)).toEqual(['me 200', 'anonymous me 401', 'unknown 404', 'method 405', 'too large 413', 'documentation 200']);
    for (const [label, response] of answers) {
      expectCommonHeaders(response, label);
      expect(response.headers.get('cache-control'), label).toBe('no-store');
    }
    expect(((await answers[0][1].json()) as { csrf_token: string }).csrf_token).toBe(session.csrf);
    expectCommonHeaders(await get('/healthz'), 'probe');
  });

  it('adds HSTS when the browser came over HTTPS, and only then', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    for (const path of ['/', '/api/openapi.json', '/api/nothing-here']) {
      expect((await get(path, { headers: https })).headers.get('strict-transport-security'), path).toBe('max-age=31536000');
      expect((await get(path)).headers.get('strict-transport-security'), path).toBeNull();
    }
  });
});
