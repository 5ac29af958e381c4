// The session cookie as it goes over the wire: Secure and named __Host-passerelle_session
// whenever the browser talks to us over HTTPS (TLS on our socket, a trusted proxy's
// X-Forwarded-Proto, or an https APP_URL), plain passerelle_session on plain http so local
// development keeps working.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, createTestApi, createUser, type TestApi, type TestUser } from '../support/api';
import { listen, type Listening } from '../support/http';

const cookieOf = (setCookie: string) => /^([^=]+)=([^;]*)/.exec(setCookie)!;

async function signIn(url: string, user: TestUser, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const { csrf_token: csrf } = (await response.json()) as { csrf_token: string };
  const setCookie = response.headers.get('set-cookie') ?? '';
  const [, name, value] = cookieOf(setCookie);
  return { setCookie, name, value, csrf };
}

const me = async (url: string, cookie: string, headers: Record<string, string> = {}) =>
  (await fetch(`${url}/api/me`, { headers: { cookie, ...headers } })).status;

describe('the session cookie over plain http and behind proxies', () => {
  let api: TestApi;
  let proxied: Listening;
  let secureUrlApi: TestApi;
  let secureUrl: Listening;
  beforeAll(async () => {
    api = await createTestApi({ trustedProxies: ['127.0.0.1'], publicUrl: 'http://localhost:3000' });
    proxied = await listen(api.app);
    secureUrlApi = await createTestApi({ publicUrl: 'https://passerelle.example' });
    secureUrl = await listen(secureUrlApi.app);
  });
  afterAll(async () => {
    await proxied?.close();
    await secureUrl?.close();
    await api?.drop();
    await secureUrlApi?.drop();
  });

  it('is a plain HttpOnly, SameSite=Lax cookie on plain http, and keeps the session working', async () => {
    const session = await signIn(proxied.url, await createUser(api.db));
    expect(session.name).toBe('passerelle_session');
    expect(session.setCookie).toMatch(/; HttpOnly/);
    expect(session.setCookie).toMatch(/; SameSite=Lax/);
    expect(session.setCookie).toMatch(/; Path=\//);
    expect(session.setCookie).not.toMatch(/Secure/);
    expect(await me(proxied.url, `passerelle_session=${session.value}`)).toBe(200);
  });

  it('is Secure and __Host- prefixed when a trusted proxy says the browser came over https', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const session = await signIn(proxied.url, await createUser(api.db), https);
    expect(session.name).toBe('__Host-passerelle_session');
    expect(session.setCookie).toMatch(/; Secure/);
    expect(session.setCookie).toMatch(/; Path=\//);
    expect(session.setCookie).not.toMatch(/Domain=/i);
    expect(await me(proxied.url, `__Host-passerelle_session=${session.value}`, https)).toBe(200);
    // Over https only the prefixed cookie counts: one planted under the plain name does not.
    expect(await me(proxied.url, `passerelle_session=${session.value}`, https)).toBe(401);

    const out = await fetch(`${proxied.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: `__Host-passerelle_session=${session.value}`, 'x-csrf-token': session.csrf, ...https },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-passerelle_session=;.*Secure/);
    expect(await me(proxied.url, `__Host-passerelle_session=${session.value}`, https)).toBe(401);
  });

  it('ignores X-Forwarded-Proto from a peer that is not a trusted proxy', async () => {
    const untrusted = await createTestApi();
    const server = await listen(untrusted.app);
    try {
      const session = await signIn(server.url, await createUser(untrusted.db), { 'x-forwarded-proto': 'https' });
      expect(session.name).toBe('passerelle_session');
      expect(session.setCookie).not.toMatch(/Secure/);
    } finally {
      await server.close();
      await untrusted.drop();
    }
  });

  it('is Secure and __Host- prefixed when APP_URL is https, even if the proxy is not declared', async () => {
    const session = await signIn(secureUrl.url, await createUser(secureUrlApi.db));
    expect(session.name).toBe('__Host-passerelle_session');
    expect(session.setCookie).toMatch(/; Secure/);
  });
});

describe('the session cookie over TLS on our own socket', () => {
  let api: TestApi;
  let dir: string;
  let cert: string;
  let port: number;
  let server: ReturnType<typeof serve>;
  beforeAll(async () => {
    api = await createTestApi();
    dir = mkdtempSync(join(tmpdir(), 'passerelle-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    await new Promise<void>((resolve) => {
      server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1', createServer, serverOptions: { key, cert } }, (info: AddressInfo) => {
        port = info.port;
        resolve();
      });
    });
  });
  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir) rmSync(dir, { recursive: true, force: true });
    await api?.drop();
  });

  it('is Secure and __Host- prefixed', async () => {
    const user = await createUser(api.db);
    const setCookie = await new Promise<string>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', ca: cert, headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          expect(res.statusCode).toBe(200);
          resolve(String(res.headers['set-cookie']?.[0] ?? ''));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ email: user.email, password: PASSWORD }));
    });
    expect(setCookie).toMatch(/^__Host-passerelle_session=[^;]+;.*; Secure/);
  });
});
