import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caller, createTestApi, createUser, withSession, withToken, type TestApi } from '../support/api';

describe('API tokens', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  it('creates a token shown once, which then authenticates without CSRF, and lists it without the secret', async () => {
    const user = await createUser(api.db);
    const browser = await withSession(api, user);
    const created = await browser.json('POST', '/api/tokens', { name: 'intégration CRM' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^psr_/);

    const bot = caller(api, { authorization: `Bearer ${created.body.token}` });
    const me = await bot.json('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, csrf_token: null });
    // A Bearer request changes things without any CSRF header.
    expect((await bot.json('POST', '/api/tokens', { name: 'second' })).status).toBe(201);

    const list = await bot.json('GET', '/api/tokens');
    expect(list.body.map((t: { name: string }) => t.name).sort()).toEqual(['intégration CRM', 'second']);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.find((t: { id: string }) => t.id === created.body.id).last_used_at).not.toBeNull();
  });

  it('revokes a token: it answers 401 from then on, and revoking again is 404', async () => {
    const user = await createUser(api.db);
    const bot = await withToken(api, user);
    const [{ id }] = (await bot.json('GET', '/api/tokens')).body;
    expect((await bot.request('DELETE', `/api/tokens/${id}`)).status).toBe(204);
    const after = await bot.json('GET', '/api/me');
    expect(after.status).toBe(401);
    expect(after.body.detail).toBe('Jeton d’API invalide ou révoqué.');
    const browser = await withSession(api, user);
    expect((await browser.json('DELETE', `/api/tokens/${id}`)).status).toBe(404);
  });

  it('does not let anyone revoke or see another user’s token', async () => {
    const owner = await withToken(api, await createUser(api.db));
    const [{ id }] = (await owner.json('GET', '/api/tokens')).body;
    const other = await withToken(api, await createUser(api.db));
    expect((await other.json('DELETE', `/api/tokens/${id}`)).status).toBe(404);
    expect((await other.json('GET', '/api/tokens')).body.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await owner.json('GET', '/api/me')).status).toBe(200);
  });

  it('refuses unknown tokens, malformed Authorization headers and bad input', async () => {
    expect((await caller(api, { authorization: 'Bearer psr_nope' }).json('GET', '/api/me')).status).toBe(401);
    expect((await caller(api, { authorization: 'Basic abc' }).json('GET', '/api/me')).status).toBe(401);
    const bot = await withToken(api, await createUser(api.db));
    expect((await bot.json('POST', '/api/tokens', { name: '' })).status).toBe(422);
    expect((await bot.json('POST', '/api/tokens', { name: 'x', extra: 1 })).status).toBe(422);
    expect((await bot.json('DELETE', '/api/tokens/12')).status).toBe(422);
    expect((await bot.json('DELETE', '/api/tokens/6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11')).status).toBe(404);
    expect((await caller(api, {}).json('POST', '/api/tokens', { name: 'x' })).status).toBe(401);
  });
});

describe('API tokens and account changes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  const liveTokens = async (userId: string) =>
    (await api.db.selectFrom('api_tokens').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute()).length;

  it('revokes every token of a user whose password is reset or who is disabled', async () => {
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    for (const password of ['un nouveau mot de passe', null]) {
      const user = await createUser(api.db);
      const bots = [await withToken(api, user), await withToken(api, user)];
      expect((await bots[0].json('GET', '/api/me')).status).toBe(200);
      expect((await admin.json('PATCH', `/api/users/${user.id}`, { password })).status).toBe(200);
      for (const bot of bots) {
        const after = await bot.json('GET', '/api/me');
        expect(after.status).toBe(401);
        expect(after.body.detail).toBe('Jeton d’API invalide ou révoqué.');
      }
      expect(await liveTokens(user.id)).toBe(0);
    }
    // Other changes leave the tokens alone.
    const renamed = await createUser(api.db);
    const bot = await withToken(api, renamed);
    expect((await admin.json('PATCH', `/api/users/${renamed.id}`, { name: 'Nouveau nom', is_admin: false })).status).toBe(200);
    expect((await bot.json('GET', '/api/me')).status).toBe(200);
  });

  it('lets an administrator list and revoke anyone’s tokens, and nobody else', async () => {
    const owner = await createUser(api.db);
    const bot = await withToken(api, owner);
    const [{ id: tokenId }] = (await bot.json('GET', '/api/tokens')).body;
    const admin = await withSession(api, await createUser(api.db, { isAdmin: true }));

    const listed = await admin.json('GET', `/api/users/${owner.id}/tokens`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: tokenId, name: 'tests', revoked_at: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(bot.token);

    const someoneElse = await withToken(api, await createUser(api.db));
    expect((await someoneElse.json('GET', `/api/users/${owner.id}/tokens`)).status).toBe(403);
    expect((await someoneElse.json('DELETE', `/api/users/${owner.id}/tokens/${tokenId}`)).status).toBe(403);
    expect((await caller(api, {}).json('GET', `/api/users/${owner.id}/tokens`)).status).toBe(401);
    // The token id must belong to the user named in the path.
    expect((await admin.json('DELETE', `/api/users/${(await createUser(api.db)).id}/tokens/${tokenId}`)).status).toBe(404);
    expect((await bot.json('GET', '/api/me')).status).toBe(200);

    expect((await admin.request('DELETE', `/api/users/${owner.id}/tokens/${tokenId}`)).status).toBe(204);
    expect((await bot.json('GET', '/api/me')).status).toBe(401);
    expect((await admin.json('GET', `/api/users/${owner.id}/tokens`)).body[0].revoked_at).not.toBeNull();
    expect((await admin.json('DELETE', `/api/users/${owner.id}/tokens/${tokenId}`)).status).toBe(404);
    expect((await admin.json('GET', '/api/users/6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11/tokens')).status).toBe(404);
  });
});
