import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_BASE } from '../../api/errors';
import { caller, createOrganization, createTestApi, createUser, withSession, withToken, type TestApi } from '../support/api';

describe('users', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  it('lets an administrator create a user who can then log in, and update them', async () => {
    const organizationId = await createOrganization(api.db, { kind: 'school', academie: 'Créteil' });
    const admin = await withSession(api, await createUser(api.db, { isAdmin: true }));
    const created = await admin.json('POST', '/api/users', {
      email: 'Dominique.Martin@Lycee.fr',
      name: 'Dominique Martin',
      password: 'un mot de passe solide',
      organization_ids: [organizationId],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'dominique.martin@lycee.fr', is_admin: false, organization_ids: [organizationId] });
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon/);

    const login = await caller(api, {}).json('POST', '/api/auth/login', { email: 'dominique.martin@lycee.fr', password: 'un mot de passe solide' });
    expect(login.status).toBe(200);

    const updated = await admin.json('PATCH', `/api/users/${created.body.id}`, { name: 'D. Martin', organization_ids: [] });
    expect(updated.body).toMatchObject({ name: 'D. Martin', organization_ids: [] });
    expect((await admin.json('GET', `/api/users/${created.body.id}`)).body).toEqual(updated.body);
    const listed = await admin.json('GET', `/api/users?organization_id=${organizationId}`);
    expect(listed.body).toEqual([]);
  });

  it('ends the sessions of a user whose password changes', async () => {
    const user = await createUser(api.db);
    const browser = await withSession(api, user);
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    expect((await admin.json('PATCH', `/api/users/${user.id}`, { password: 'nouveau mot de passe' })).status).toBe(200);
    expect((await browser.json('GET', '/api/me')).status).toBe(401);
  });

  it('answers 409 for a taken e-mail, 422 naming unknown organizations, 404 for unknown users', async () => {
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    const existing = await createUser(api.db);
    expect((await admin.json('POST', '/api/users', { email: existing.email, name: 'Bis' })).status).toBe(409);
    const unknownOrg = '6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11';
    const refused = await admin.json('POST', '/api/users', { email: 'nouveau@x.fr', name: 'N', organization_ids: [unknownOrg] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ code: 'unknown_organization', path: '/organization_ids/0' })]);
    expect(await api.db.selectFrom('users').select('id').where('email', '=', 'nouveau@x.fr').executeTakeFirst()).toBeUndefined();
    expect((await admin.json('PATCH', `/api/users/${unknownOrg}`, { name: 'x' })).status).toBe(404);
    expect((await admin.json('POST', '/api/users', { email: 'pas-une-adresse', name: 'N', password: 'court' })).body.errors.map((e: { path: string }) => e.path)).toEqual(['/email', '/password']);
  });

  it('is for administrators only', async () => {
    const member = await withToken(api, await createUser(api.db));
    expect((await member.json('GET', '/api/users')).status).toBe(403);
    expect((await member.json('POST', '/api/users', { email: 'x@y.fr', name: 'X' })).status).toBe(403);
    expect((await member.json('PATCH', `/api/users/${(await createUser(api.db)).id}`, { is_admin: true })).status).toBe(403);
    expect((await caller(api, {}).json('GET', '/api/users')).status).toBe(401);
  });
});

describe('the last active administrator', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  const activeAdmins = async () =>
    (await api.db.selectFrom('users').select('id').where('is_admin', '=', true).where('password_hash', 'is not', null).execute()).map((r) => r.id);

  it('cannot lose the right nor be disabled, with a French reason, until another administrator exists', async () => {
    const only = await createUser(api.db, { isAdmin: true });
    const self = await withSession(api, only);
    // An administrator without a password cannot sign in: it does not count.
    await api.db.insertInto('users').values({ email: 'sans-mot-de-passe@passerelle.test', name: 'Désactivé', password_hash: null, is_admin: true }).execute();
    for (const change of [{ is_admin: false }, { password: null }, { is_admin: false, name: 'Renommé' }]) {
      const refused = await self.json('PATCH', `/api/users/${only.id}`, change);
      expect(refused.status, JSON.stringify(change)).toBe(409);
      expect(refused.body.type).toBe(`${PROBLEM_BASE}conflict`);
      expect(refused.body.detail).toMatch(/dernier administrateur actif/);
    }
    expect(await activeAdmins()).toEqual([only.id]);
    expect((await self.json('GET', '/api/me')).body).toMatchObject({ is_admin: true, name: 'Camille Test' });
    // Other changes to the last administrator go through.
    expect((await self.json('PATCH', `/api/users/${only.id}`, { name: 'Camille Admin', password: 'un autre mot de passe' })).status).toBe(200);

    const second = await createUser(api.db, { isAdmin: true });
    const secondSession = await withSession(api, second);
    expect((await secondSession.json('PATCH', `/api/users/${only.id}`, { is_admin: false })).status).toBe(200);
    expect((await secondSession.json('PATCH', `/api/users/${second.id}`, { is_admin: false })).status).toBe(409);
    expect(await activeAdmins()).toEqual([second.id]);
  });

  it('lets only one of two simultaneous removals through when they would leave no active administrator', async () => {
    await api.db.updateTable('users').set({ is_admin: false }).execute();
    const a = await createUser(api.db, { isAdmin: true });
    const b = await createUser(api.db, { isAdmin: true });
    // A third administrator who cannot sign in (no password) still holds a token from before:
    // both requests pass the route's guard, and only the lock on the administrators decides.
    const third = await createUser(api.db, { isAdmin: true });
    await api.db.updateTable('users').set({ password_hash: null }).where('id', '=', third.id).execute();
    const bot = await withToken(api, third);
    const answers = await Promise.all([bot.json('PATCH', `/api/users/${a.id}`, { is_admin: false }), bot.json('PATCH', `/api/users/${b.id}`, { password: null })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await activeAdmins()).toHaveLength(1);
  });
});
