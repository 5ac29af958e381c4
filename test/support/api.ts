// An in-process app on a fresh PostgreSQL database, with helpers to make users and to call
// the API as them: `as(user)` with a cookie session (and its CSRF token) or a Bearer token;
// `httpCaller` makes the same calls over HTTP to an API in another process.
import { randomUUID } from 'node:crypto';
import { createApp, type AppDeps } from '../../api/app';
import { createApiToken } from '../../api/auth/api-tokens';
import { hashPassword } from '../../api/auth/password';
import type { Db } from '../../db/database';
import type { OrganizationKind } from '../../db/tables/organization';
import { createTestDatabase, type TestDatabase } from './database';

export const PASSWORD = 'correct horse battery';

export interface TestUser {
  id: string;
  email: string;
}

export interface TestApi extends TestDatabase {
  app: ReturnType<typeof createApp>;
  /** The clock the app reads; tests move it to pass throttling delays. */
  clock: { now: Date };
  /** The waits login throttling asked for, in order (they return at once in-process). */
  waits: number[];
}

export async function createTestApi(deps: Partial<AppDeps> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const clock = { now: new Date('2026-11-24T09:00:00.000Z') };
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  const app = createApp({ db: database.db, now: () => clock.now, sleep, ...deps });
  return { ...database, app, clock, waits };
}

export async function createOrganization(
  db: Db,
  values: { name?: string; kind?: OrganizationKind; academie?: string | null } = {},
): Promise<string> {
  const row = await db
    .insertInto('organizations')
    .values({
      name: values.name ?? `Organisation ${randomUUID().slice(0, 8)}`,
      kind: values.kind ?? 'company',
      academie: values.academie ?? null,
      region: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// One hash for every test user: argon2 is deliberately slow.
let passwordHash: Promise<string> | undefined;

export async function createUser(
  db: Db,
  options: { isAdmin?: boolean; organizationIds?: string[]; email?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(PASSWORD);
  const email = options.email ?? `user-${randomUUID().slice(0, 8)}@passerelle.test`;
  const user = await db
    .insertInto('users')
    .values({ email, name: 'Camille Test', password_hash: await passwordHash, is_admin: options.isAdmin ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const organization_id of options.organizationIds ?? []) {
    await db.insertInto('memberships').values({ user_id: user.id, organization_id }).execute();
  }
  return { id: user.id, email };
}

export interface Caller {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  json<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** Calls through `send` with these headers on every request. */
function callerWith(send: (path: string, init: RequestInit) => Response | Promise<Response>, baseHeaders: Record<string, string>): Caller {
  const request = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      send(path, {
        method,
        headers: { ...baseHeaders, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      }),
    );
  return {
    request,
    async json(method, path, body) {
      const response = await request(method, path, body);
      const text = await response.text();
      return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
    },
  };
}

export function caller(api: Pick<TestApi, 'app'>, baseHeaders: Record<string, string>): Caller {
  return callerWith((path, init) => api.app.request(path, init), baseHeaders);
}

/** The same calls over real HTTP, to a server at `url` (another process, say). */
export function httpCaller(url: string, baseHeaders: Record<string, string>): Caller {
  return callerWith((path, init) => fetch(`${url}${path}`, init), baseHeaders);
}

export const anonymous = (api: TestApi): Caller => caller(api, {});

/** Logs in through the API and calls as that browser: session cookie plus CSRF header. */
export async function withSession(api: TestApi, user: TestUser): Promise<Caller & { cookie: string; csrf: string }> {
  const response = await api.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const cookie = sessionCookie(response);
  const { csrf_token: csrf } = (await response.json()) as { csrf_token: string };
  return { ...caller(api, { cookie, 'x-csrf-token': csrf }), cookie, csrf };
}

/** `name=value` of the session cookie a response sets (`__Host-` prefixed over HTTPS). */
export function sessionCookie(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  const match = /(?:__Host-)?passerelle_session=[^;]*/.exec(header);
  if (!match) throw new Error(`no session cookie in ${header}`);
  return match[0];
}

/** Creates an API token for the user (directly in the database) and calls with it. */
export async function withToken(api: TestApi, user: TestUser): Promise<Caller & { token: string }> {
  const { token } = await createApiToken(api.db, user.id, 'tests');
  return { ...caller(api, { authorization: `Bearer ${token}` }), token };
}

/**
 * The errors of a problem+json body as `code path` lines, in order: what a client acts on
 * (the messages are for people), compact enough to compare whole.
 */
export const errorsOf = (body: { errors?: { code: string; path: string }[] }): string[] =>
  (body.errors ?? []).map((e) => `${e.code} ${e.path}`);
