import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createTestApi, createUser, withSession, withToken, type TestApi } from '../support/api';

describe('organizations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  it('lets a federation administrator create, read and update organizations', async () => {
    const admin = await withSession(api, await createUser(api.db, { isAdmin: true }));
    const created = await admin.json('POST', '/api/organizations', { name: 'École de production de Lyon', kind: 'association', academie: 'Lyon' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'association', academie: 'Lyon', region: null });
    const id = created.body.id;
    const updated = await admin.json('PATCH', `/api/organizations/${id}`, { region: 'Auvergne-Rhône-Alpes' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'École de production de Lyon', region: 'Auvergne-Rhône-Alpes' });
    expect((await admin.json('PATCH', `/api/organizations/${id}`, {})).body).toEqual(updated.body);
    expect((await admin.json('GET', `/api/organizations/${id}`)).body).toEqual(updated.body);
    const listed = await admin.json('GET', '/api/organizations?kind=association&academie=Lyon');
    expect(listed.body.map((o: { id: string }) => o.id)).toContain(id);
  });

  it('requires an académie for associations and académies, also when a patch removes it', async () => {
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    const missing = await admin.json('POST', '/api/organizations', { name: 'Sans académie', kind: 'academie' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ code: 'academie_required', path: '/academie' })]);
    const company = await admin.json('POST', '/api/organizations', { name: 'Entreprise sans académie', kind: 'company' });
    expect(company.status).toBe(201);
    const toAssociation = await admin.json('PATCH', `/api/organizations/${company.body.id}`, { kind: 'association' });
    expect(toAssociation.status).toBe(422);
    expect((await admin.json('GET', `/api/organizations/${company.body.id}`)).body.kind).toBe('company');
  });

  it('answers 409 for a duplicate name, 404 for an unknown id and 422 for wrong types', async () => {
    const admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    await admin.json('POST', '/api/organizations', { name: 'Doublon', kind: 'company' });
    expect((await admin.json('POST', '/api/organizations', { name: 'Doublon', kind: 'school' })).status).toBe(409);
    const unknown = '6d1f3b0e-2b1e-4c8e-9d53-5b7a1f0e2c11';
    expect((await admin.json('PATCH', `/api/organizations/${unknown}`, { name: 'x' })).status).toBe(404);
    expect((await admin.json('GET', `/api/organizations/${unknown}`)).status).toBe(404);
    const wrong = await admin.json('POST', '/api/organizations', { name: ['x'], kind: 'castle' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/kind', '/name']);
  });

  it('shows other users only their own organizations and refuses them changes', async () => {
    const mine = await createOrganization(api.db, { kind: 'company' });
    const theirs = await createOrganization(api.db, { kind: 'company' });
    const member = await withSession(api, await createUser(api.db, { organizationIds: [mine] }));
    expect((await member.json('GET', '/api/organizations')).body.map((o: { id: string }) => o.id)).toEqual([mine]);
    expect((await member.json('GET', `/api/organizations/${mine}`)).status).toBe(200);
    expect((await member.json('GET', `/api/organizations/${theirs}`)).status).toBe(404);
    expect((await member.json('POST', '/api/organizations', { name: 'Pirate', kind: 'company' })).status).toBe(403);
    const patch = await member.json('PATCH', `/api/organizations/${mine}`, { name: 'Renommée' });
    expect(patch.status).toBe(403);
    expect((await member.json('GET', `/api/organizations/${mine}`)).body.name).not.toBe('Renommée');
    const lonely = await withToken(api, await createUser(api.db));
    expect((await lonely.json('GET', '/api/organizations')).body).toEqual([]);
  });
});
