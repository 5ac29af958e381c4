import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../api/errors';
import { PASSWORD, anonymous, caller, createOrganization, createTestApi, createUser, sessionCookie, withSession, type TestApi } from '../support/api';

describe('sessions, CSRF and login throttling', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  it('logs in with a password, setting an HTTP-only SameSite cookie and returning the CSRF token', async () => {
    const organizationId = await createOrganization(api.db, { kind: 'association', academie: 'Lyon' });
    const user = await createUser(api.db, { organizationIds: [organizationId] });
    const response = await anonymous(api).request('POST', '/api/auth/login', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const body = (await response.json()) as { id: string; csrf_token: string; organizations: { id: string }[] };
    expect(body.id).toBe(user.id);
    expect(body.csrf_token).toMatch(/^[\w-]{40,}$/);
    expect(body.organizations.map((o) => o.id)).toEqual([organizationId]);

    const me = await caller(api, { cookie: sessionCookie(response) }).json('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, csrf_token: body.csrf_token });
    // The database keeps only a hash of the cookie secret.
    const secret = sessionCookie(response).split('=')[1];
    expect(await api.db.selectFrom('sessions').select('id').where('id', '=', secret).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a wrong password or unknown e-mail with the same 401', async () => {
    const user = await createUser(api.db);
    const wrong = await anonymous(api).json('POST', '/api/auth/login', { email: user.email, password: 'not the password' });
    const unknown = await anonymous(api).json('POST', '/api/auth/login', { email: 'nobody@passerelle.test', password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.type).toBe(`${PROBLEM_BASE}invalid-credentials`);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('slows down repeated failures from one address: 429 with Retry-After, even for the right password, then lets the person in', async () => {
    const user = await createUser(api.db);
    api.waits.length = 0;
    const attempt = (password: string) => anonymous(api).request('POST', '/api/auth/login', { email: user.email, password });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt('wrong password')).status).toBe(401); // the 6th failure starts a block
    const blocked = await attempt(PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('1');
    expect(((await blocked.json()) as { type: string }).type).toBe(`${PROBLEM_BASE}too-many-requests`);

    api.clock.now = new Date(api.clock.now.getTime() + 1_000);
    expect((await attempt('wrong password')).status).toBe(401);
    const longer = await attempt(PASSWORD);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('2');

    api.clock.now = new Date(api.clock.now.getTime() + 2_000);
    expect((await attempt(PASSWORD)).status).toBe(200);
    // Success clears the count: one more mistake is not blocked.
    expect((await attempt('wrong password')).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200);
    // Past the account's free failures each checked attempt waited longer, 4 s at most.
    expect(api.waits).toEqual([1_000, 2_000, 4_000]);
  });

  it('counts simultaneous failed logins too: a burst of guesses gets no more tries than one after the other', async () => {
    const user = await createUser(api.db);
    const burst = await Promise.all(
      Array.from({ length: 12 }, () => anonymous(api).request('POST', '/api/auth/login', { email: user.email, password: 'wrong password' })),
    );
    const statuses = burst.map((r) => r.status).sort();
    // 5 free failures, the 6th starts a block: every other guess is refused unchecked.
    expect(statuses).toEqual([...Array(6).fill(401), ...Array(6).fill(429)]);
    const blocked = await anonymous(api).request('POST', '/api/auth/login', { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);

    // A successful login counts nothing against the client address.
    const address = () => api.db.selectFrom('login_attempts').select(['failures', 'blocked_until']).where('key', '=', 'ip:unknown').executeTakeFirst();
    const before = await address();
    await withSession(api, await createUser(api.db));
    expect(await address()).toEqual(before);
  });

  it('keeps blocking for the longest delay once reached, instead of starting the count over when a block ends', async () => {
    const saved = api.clock.now;
    try {
      const user = await createUser(api.db);
      const attempt = (password: string) => anonymous(api).request('POST', '/api/auth/login', { email: user.email, password });
      // Each wrong guess past the free ones is refused while its block lasts; wait each one out.
      let retryAfter = '0';
      while (retryAfter !== '900') {
        const answer = await attempt('wrong password');
        if (answer.status === 429) {
          retryAfter = answer.headers.get('retry-after') ?? '';
          api.clock.now = new Date(api.clock.now.getTime() + Number(retryAfter) * 1000);
        } else {
          expect(answer.status).toBe(401);
        }
      }
      // The longest block is over, a moment ago: one more wrong guess blocks for as long again.
      api.clock.now = new Date(api.clock.now.getTime() + 1_000);
      expect((await attempt('wrong password')).status).toBe(401);
      expect((await attempt('wrong password')).status).toBe(429);
      const again = await attempt(PASSWORD);
      expect(again.status).toBe(429);
      expect(again.headers.get('retry-after')).toBe('900');
    } finally {
      api.clock.now = saved;
    }
  });

  it('logs out: the session row is deleted and the cookie no longer works', async () => {
    const user = await createUser(api.db);
    const browser = await withSession(api, user);
    const out = await browser.request('POST', '/api/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/passerelle_session=;/);
    expect((await browser.json('GET', '/api/me')).status).toBe(401);
  });

  it('refuses a cookie-authenticated change without the CSRF header, and changes nothing', async () => {
    const user = await createUser(api.db);
    const browser = await withSession(api, user);
    const noHeader = caller(api, { cookie: browser.cookie });
    const refused = await noHeader.json('POST', '/api/tokens', { name: 'sans csrf' });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe(`${PROBLEM_BASE}csrf-failed`);
    const wrong = await caller(api, { cookie: browser.cookie, 'x-csrf-token': 'x'.repeat(43) }).json('POST', '/api/tokens', { name: 'faux' });
    expect(wrong.status).toBe(403);
    expect(await api.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    // Reading needs no token; the right token lets the change through.
    expect((await noHeader.json('GET', '/api/tokens')).status).toBe(200);
    expect((await browser.json('POST', '/api/tokens', { name: 'avec csrf' })).status).toBe(201);
  });

  it('treats an expired session as anonymous', async () => {
    const user = await createUser(api.db);
    const browser = await withSession(api, user);
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 15 * 24 * 3600 * 1000);
    try {
      expect((await browser.json('GET', '/api/me')).status).toBe(401);
    } finally {
      api.clock.now = saved;
    }
  });

  it('drops a user’s expired sessions when they log in again, keeping the live ones', async () => {
    const user = await createUser(api.db);
    await withSession(api, user);
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 10 * 24 * 3600 * 1000);
    try {
      await withSession(api, user); // still within the first one's 14 days: both kept
      const count = () => api.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute().then((r) => r.length);
      expect(await count()).toBe(2);
      api.clock.now = new Date(saved.getTime() + 20 * 24 * 3600 * 1000);
      await withSession(api, user); // the first has expired, the second has not
      expect(await count()).toBe(2);
    } finally {
      api.clock.now = saved;
    }
  });
});
