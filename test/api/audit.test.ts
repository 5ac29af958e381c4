// The audit trail through HTTP: every decision leaves one append-only row (who, for which
// organization, what, before and after), readable by administrators (filters, cursor,
// CSV) and, per project, by whoever sees the project; the database itself refuses to
// change a row. Personal data: a user downloads theirs, an administrator anonymises a
// departed user and the trail keeps the id but shows the pseudonym.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { pseudonymOf } from '../../db/queries/personal-data';
import { createUser, withSession } from '../support/api';
import { useProjectWorld } from '../support/project-world';

describe('the audit trail', () => {
  const world = useProjectWorld();

  it('records a project start, its bindings and a task completion with before and after values', async () => {
    const { admin, member, reviewer } = world.as;
    const { id } = await world.startReview('Dossier audité');
    const done = await member.json('POST', `/api/projects/${id}/tasks/depot:1/complete`, {
      outcome: 'done', values: { nbJeunes: 12, filiere: 'metallerie' }, comment: 'Dossier complet',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const trail = await reviewer.json('GET', `/api/projects/${id}/audit`);
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((e: any) => e.type)).toEqual(['task.completed', 'project.bindings_set', 'project.started']);
    const [completion, bindings, started] = trail.body.items;
    expect(completion).toMatchObject({
      actor: { id: world.userIds.member },
      organization: { id: world.orgs.lyon },
      project: { id, title: 'Dossier audité' },
      subject: 'depot:1',
      before: { status: 'open', values: { nbJeunes: null, filiere: null } },
      after: { status: 'completed', outcome: 'done', values: { nbJeunes: 12, filiere: 'metallerie' }, comment: 'Dossier complet', phase: 'revue' },
    });
    expect(bindings.after.bindings).toMatchObject({ association: [world.orgs.lyon] });
    expect(started).toMatchObject({ actor: { id: world.userIds.admin }, organization: { id: world.orgs.federation } });

    // Someone who does not see the project does not see its trail either.
    expect((await world.as.otherMember.json('GET', `/api/projects/${id}/audit`)).status).toBe(404);
    // Administrators filter the whole trail by user, organization and type, page by page.
    const byMember = await admin.json('GET', `/api/audit?user_id=${world.userIds.member}&type=task.completed`);
    expect(byMember.body.items.map((e: any) => e.subject)).toContain('depot:1');
    const firstPage = await admin.json('GET', `/api/audit?project_id=${id}&limit=2`);
    const secondPage = await admin.json('GET', `/api/audit?project_id=${id}&limit=2&cursor=${firstPage.body.next_cursor}`);
    expect([...firstPage.body.items, ...secondPage.body.items].map((e: any) => e.id)).toEqual(trail.body.items.map((e: any) => e.id));
    expect(secondPage.body.next_cursor).toBeNull();
    expect((await member.json('GET', '/api/audit')).status).toBe(403);
  });

  it('records cancelling, publishing, directory changes and tokens', async () => {
    const { admin } = world.as;
    const { id } = await world.startReview('Dossier abandonné');
    expect((await admin.json('POST', `/api/projects/${id}/cancel`, { reason: 'Projet retiré' })).status).toBe(200);
    const org = await admin.json('POST', '/api/organizations', { name: `Lycée audité ${id.slice(0, 6)}`, kind: 'company' });
    expect((await admin.json('PATCH', `/api/organizations/${org.body.id}`, { region: 'Bretagne' })).status).toBe(200);
    const user = await admin.json('POST', '/api/users', { email: `audit-${id.slice(0, 6)}@passerelle.test`, name: 'Dominique Audit' });
    expect((await admin.json('PATCH', `/api/users/${user.body.id}`, { organization_ids: [org.body.id], name: 'Dominique A.' })).status).toBe(200);
    const token = await admin.json('POST', '/api/tokens', { name: 'Export nocturne' });
    expect((await admin.json('DELETE', `/api/tokens/${token.body.id}`)).status).toBe(204);

    const { body } = await admin.json('GET', `/api/audit?user_id=${world.userIds.admin}&limit=100`);
    const types = body.items.map((e: any) => e.type);
    for (const type of ['project.cancelled', 'organization.created', 'organization.updated', 'user.created', 'user.updated', 'token.created', 'token.revoked']) {
      expect(types).toContain(type);
    }
    const of = (type: string) => body.items.find((e: any) => e.type === type);
    expect(of('project.cancelled')).toMatchObject({ before: { status: 'running' }, after: { status: 'abandoned', reason: 'Projet retiré' } });
    expect(of('organization.updated')).toMatchObject({ before: { region: null }, after: { region: 'Bretagne' } });
    expect(of('user.updated')).toMatchObject({ before: { organization_ids: [] }, after: { organization_ids: [org.body.id], changed: ['name'] } });
    // Names and e-mails stay out of the trail, so anonymising never has to rewrite it.
    expect(JSON.stringify(body.items)).not.toContain('Dominique');
    expect(of('token.created')).toMatchObject({ subject: token.body.id, after: { name: 'Export nocturne' } });
  });

  it('exports CSV in UTF-8 with a byte-order mark, by parameter or by Accept header', async () => {
    const { id } = await world.startReview('Dossier « exporté »; CSV');
    const byQuery = await world.as.admin.request('GET', `/api/audit?project_id=${id}&format=csv`);
    expect(byQuery.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await byQuery.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // A decoder drops the byte-order mark, as a spreadsheet does.
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('date;type;acteur;acteur_id;organisation;projet;projet_id;objet;avant;après');
    expect(lines).toHaveLength(3);
    expect(text).toContain('"Dossier « exporté »; CSV"');
    const byAccept = await world.as.member.request('GET', `/api/projects/${id}/audit`, undefined, { accept: 'text/csv' });
    expect(await byAccept.text()).toBe(text);
  });

  it('has no route to change a row, and the database refuses updates and deletes', async () => {
    const { id } = await world.startReview('Dossier immuable');
    expect((await world.as.admin.request('DELETE', `/api/projects/${id}/audit`)).status).toBe(405);
    expect((await world.as.admin.request('PATCH', '/api/audit', {})).status).toBe(405);
    const db = world.ctx.db;
    await expect(db.updateTable('audit_events').set({ type: 'forged' }).where('project_id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_events').where('project_id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('audit_events').select('id').where('project_id', '=', id).execute()).toHaveLength(2);
  });
});

describe('personal data', () => {
  const world = useProjectWorld();

  it('lets a user download everything held about them', async () => {
    const { id } = await world.startReview('Dossier personnel');
    await world.as.member.json('POST', `/api/projects/${id}/tasks/depot:1/complete`, { outcome: 'done', values: { nbJeunes: 3 }, comment: 'Mon commentaire' });
    await world.as.member.json('POST', '/api/tokens', { name: 'Mon script' });
    const response = await world.as.member.request('GET', '/api/me/export');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const data = await response.json();
    expect(data.account).toMatchObject({ id: world.userIds.member, anonymised_at: null });
    expect(data.memberships.map((m: any) => m.organization_id)).toEqual([world.orgs.lyon]);
    expect(data.tasks_done).toEqual([expect.objectContaining({ project_id: id, task_id: 'depot:1', outcome: 'done' })]);
    expect(data.comments).toEqual([expect.objectContaining({ comment: 'Mon commentaire' })]);
    expect(data.audit.map((a: any) => a.type).sort()).toEqual(['task.completed', 'token.created']);
    expect(data.tokens.map((t: any) => t.name)).toContain('Mon script');
    expect(JSON.stringify(data)).not.toMatch(/token_hash|password/);
  });

  it('anonymises a departed user without breaking the trail or the projects', async () => {
    const db = world.ctx.db;
    const departing = await createUser(db, { organizationIds: [world.orgs.lyon] });
    const browser = await withSession(world.api, departing);
    const { id } = await world.startReview('Dossier du départ');
    expect((await browser.json('POST', `/api/projects/${id}/tasks/depot:1/complete`, { outcome: 'done', values: { nbJeunes: 8 } })).status).toBe(200);
    const token = await browser.json('POST', '/api/tokens', { name: 'Avant départ' });

    expect((await world.as.member.json('POST', `/api/users/${departing.id}/anonymise`)).status).toBe(403);
    const anonymised = await world.as.admin.json('POST', `/api/users/${departing.id}/anonymise`);
    expect(anonymised.status).toBe(200);
    const pseudonym = pseudonymOf(departing.id);
    expect(anonymised.body).toMatchObject({ id: departing.id, ...pseudonym, tokens_revoked: 1, sessions_ended: 1 });
    expect((await world.as.admin.json('POST', `/api/users/${departing.id}/anonymise`)).status).toBe(409);

    // The account is closed: the session is gone, the token too, and the password with them.
    expect((await browser.json('GET', '/api/me')).status).toBe(401);
    expect((await world.api.app.request('/api/me', { headers: { authorization: `Bearer ${token.body.token}` } })).status).toBe(401);
    const login = await world.api.app.request('/api/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: departing.email, password: 'correct horse battery' }),
    });
    expect(login.status).toBe(401);

    // The trail and the project still name the same id, now under its pseudonym.
    const trail = await world.as.admin.json('GET', `/api/projects/${id}/audit`);
    expect(trail.body.items[0]).toMatchObject({ type: 'task.completed', actor: { id: departing.id, name: pseudonym.name } });
    const task = await world.as.admin.json('GET', `/api/projects/${id}/tasks/depot:1`);
    expect(JSON.stringify(task.body)).not.toContain(departing.email);
    const done = await world.as.reviewer.json('POST', `/api/projects/${id}/tasks/revue:1/complete`, { outcome: 'approved', values: { avis: 'Bien' } });
    expect(done.status).toBe(200);
    const byAdmin = await world.as.admin.json('GET', `/api/audit?type=user.anonymised&user_id=${world.userIds.admin}`);
    expect(byAdmin.body.items[0]).toMatchObject({ subject: departing.id, after: { anonymised: true, tokens_revoked: 1 } });
  });
});
