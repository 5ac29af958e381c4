import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCanSeeProject, rolesInVisibleProject } from '../../api/access';
import type { CurrentUser } from '../../api/app-env';
import { canSeeProject, rolesOf, visibleProjectIds } from '../../db/queries/access';
import { findIdentity } from '../../db/queries/users';
import { createOrganization, createTestApi, createUser, type TestApi } from '../support/api';

describe('access rules', () => {
  let api: TestApi;
  let projectId: string;
  let association: CurrentUser;
  let company: CurrentUser;
  let outsider: CurrentUser;
  let admin: CurrentUser;

  const load = async (id: string) => (await findIdentity(api.db, id))!;

  beforeAll(async () => {
    api = await createTestApi();
    const assoc = await createOrganization(api.db, { kind: 'association', academie: 'Lyon' });
    const firm = await createOrganization(api.db, { kind: 'company' });
    const other = await createOrganization(api.db, { kind: 'company' });
    projectId = randomUUID();
    await api.db
      .insertInto('projects')
      .values({
        id: projectId, workflow_id: `project-${projectId}`, title: 'École de Lyon', definition_key: 'ecole-de-production',
        definition_version: 1, result: null, phase: null, next_due_at: null, academie: 'Lyon', parent_project_id: null,
        created_by: null, finished_at: null,
      })
      .execute();
    await api.db
      .insertInto('project_participants')
      .values([
        { project_id: projectId, role: 'association', organization_id: assoc },
        { project_id: projectId, role: 'entreprise', organization_id: firm },
        { project_id: projectId, role: 'parrain', organization_id: firm },
      ])
      .execute();
    association = await load((await createUser(api.db, { organizationIds: [assoc] })).id);
    company = await load((await createUser(api.db, { organizationIds: [firm, other] })).id);
    outsider = await load((await createUser(api.db, { organizationIds: [other] })).id);
    admin = await load((await createUser(api.db, { isAdmin: true })).id);
  });
  afterAll(async () => api?.drop());

  it('lets a user see a project one of their organizations takes part in', async () => {
    expect(await canSeeProject(api.db, association, projectId)).toBe(true);
    expect(await canSeeProject(api.db, company, projectId)).toBe(true);
    expect(await canSeeProject(api.db, outsider, projectId)).toBe(false);
    await expect(assertCanSeeProject(api.db, outsider, projectId)).rejects.toMatchObject({ status: 404 });
  });

  it('lets administrators see every existing project, and nobody a missing one', async () => {
    expect(await canSeeProject(api.db, admin, projectId)).toBe(true);
    expect(await canSeeProject(api.db, admin, randomUUID())).toBe(false);
  });

  it('gives the roles bound to the user’s organizations, and only those', async () => {
    expect(await rolesOf(api.db, company, projectId)).toEqual(['entreprise', 'parrain']);
    expect(await rolesOf(api.db, association, projectId)).toEqual(['association']);
    expect(await rolesOf(api.db, outsider, projectId)).toEqual([]);
    expect(await rolesOf(api.db, { ...association, organizationIds: [] }, projectId)).toEqual([]);
  });

  it('answers the roles of a visible project in one go, and 404 for one the caller may not see', async () => {
    expect(await rolesInVisibleProject(api.db, company, projectId, true)).toEqual(['entreprise', 'parrain']);
    await expect(rolesInVisibleProject(api.db, outsider, projectId, true)).rejects.toMatchObject({ status: 404 });
    expect(await rolesInVisibleProject(api.db, admin, projectId, true)).toEqual([]);
    await expect(rolesInVisibleProject(api.db, admin, projectId, false)).rejects.toMatchObject({ status: 404 });
  });

  it('filters project lists to the visible ones', async () => {
    const visible = async (user: CurrentUser) =>
      (await api.db.selectFrom('projects').select('id').where('id', 'in', visibleProjectIds(api.db, user)).execute()).map((r) => r.id);
    expect(await visible(company)).toEqual([projectId]);
    expect(await visible(outsider)).toEqual([]);
  });
});
