// Login throttling over the wire, behind a trusted proxy that reports each client's address
// in X-Forwarded-For: a guesser is slowed down and shut out of the account it hammers, while
// the account's owner and the other people behind a busy address still get in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WAIT_MS } from '../../api/auth/login-throttle';
import { PASSWORD, createTestApi, createUser, type TestApi } from '../support/api';
import { listen, loginOver, type Listening } from '../support/http';

const failures = async (api: TestApi, key: string) =>
  (await api.db.selectFrom('login_attempts').select('failures').where('key', '=', key).executeTakeFirst())?.failures ?? 0;

describe('an attacker hammering one account while its owner signs in (real time)', () => {
  let api: TestApi;
  let server: Listening;
  beforeAll(async () => {
    api = await createTestApi({ trustedProxies: ['127.0.0.1'], now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    server = await listen(api.app);
  });
  afterAll(async () => {
    await server?.close();
    await api?.drop();
  });

  it('lets the owner in after a short wait, and gives each attacking address only a few guesses', async () => {
    const owner = await createUser(api.db);
    let attacking = true;
    const attack = async (address: string) => {
      const statuses: number[] = [];
      while (attacking) {
        const answer = await loginOver(server.url, owner.email, 'une supposition', address);
        await answer.arrayBuffer();
        statuses.push(answer.status);
      }
      return statuses;
    };
    // Three addresses, four connections each, none waiting for anything but its own answer.
    const attackers = ['203.0.113.1', '203.0.113.2', '203.0.113.3'];
    const attackStarted = Date.now();
    const running = attackers.map(async (address) => (await Promise.all([1, 2, 3, 4].map(() => attack(address)))).flat());
    try {
      // The account is well past its free failures before its owner arrives.
      while ((await failures(api, `email:${owner.email}`)) < 12) await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      const signIn = await loginOver(server.url, owner.email, PASSWORD, '198.51.100.7');
      const took = Date.now() - started;
      expect(signIn.status, await signIn.text()).toBe(200);
      // The wait of an account under attack, plus the password check on a busy machine.
      expect(took).toBeLessThan(MAX_WAIT_MS + 5_000);
      // Keep hammering a little after the owner is in.
      await new Promise((r) => setTimeout(r, 1_500));
    } finally {
      attacking = false;
    }
    const results = await Promise.all(running);
    // 5 free guesses, then one each time a block of 1 s, 2 s, 4 s… ends: about log2 of the
    // attack's length in seconds (one more for a guess at the very end).
    const seconds = (Date.now() - attackStarted) / 1000;
    const mostGuesses = 5 + Math.ceil(Math.log2(seconds + 1)) + 1;
    for (const [i, statuses] of results.entries()) {
      expect([...new Set(statuses)].sort(), attackers[i]).toEqual([401, 429]);
      const guesses = statuses.filter((s) => s === 401).length;
      expect(guesses, attackers[i]).toBeGreaterThanOrEqual(6);
      expect(guesses, `${attackers[i]} in ${seconds} s`).toBeLessThanOrEqual(mostGuesses);
      expect(statuses).toContain(429);
    }
  }, 60_000);
});

describe('many failures from one shared address (a school behind one public address)', () => {
  let api: TestApi;
  let server: Listening;
  beforeAll(async () => {
    api = await createTestApi({ trustedProxies: ['127.0.0.1'], now: () => new Date() });
    server = await listen(api.app);
  });
  afterAll(async () => {
    await server?.close();
    await api?.drop();
  });

  it('slows down, never blocks, the right password of accounts with few failures', async () => {
    const school = '192.0.2.10';
    for (let i = 0; i < 60; i++) {
      expect((await loginOver(server.url, `eleve-${i}@passerelle.test`, 'mot de passe oublié', school)).status).toBe(401);
    }
    api.waits.length = 0;
    const teacher = await createUser(api.db);
    expect((await loginOver(server.url, teacher.email, PASSWORD, school)).status).toBe(200);
    expect(api.waits).toEqual([MAX_WAIT_MS]);

    // An account already past its free failures is refused from that address while its block
    // lasts (a guesser going from account to account)...
    const target = await createUser(api.db);
    for (let i = 0; i < 5; i++) expect((await loginOver(server.url, target.email, 'faux', '198.51.100.1')).status).toBe(401);
    const refused = await loginOver(server.url, target.email, PASSWORD, school);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // ...but not from elsewhere, and another address is not slowed by the school's failures.
    expect((await loginOver(server.url, target.email, PASSWORD, '198.51.100.2')).status).toBe(200);
    api.waits.length = 0;
    expect((await loginOver(server.url, (await createUser(api.db)).email, PASSWORD, '198.51.100.3')).status).toBe(200);
    expect(api.waits).toEqual([]);
  }, 60_000);
});

describe('the failures table', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => {
    await api?.drop();
  });

  it('forgets, at the next successful sign-in, the failures quiet for longer than the window', async () => {
    const login = (email: string, password: string) =>
      api.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    expect((await login('parti@passerelle.test', 'faux')).status).toBe(401);
    const keys = async () => (await api.db.selectFrom('login_attempts').select('key').orderBy('key').execute()).map((r) => r.key);
    const stale = await keys();
    expect(stale.length).toBeGreaterThan(0);

    // Sixteen minutes later someone else fails once, then a third person signs in.
    api.clock.now = new Date(api.clock.now.getTime() + 16 * 60 * 1000);
    expect((await login('recent@passerelle.test', 'faux')).status).toBe(401);
    const user = await createUser(api.db);
    expect((await login(user.email, PASSWORD)).status).toBe(200);

    const left = await keys();
    expect(left.some((key) => key.includes('recent@passerelle.test'))).toBe(true);
    expect(left.some((key) => key.includes('parti@passerelle.test'))).toBe(false);
  });
});
