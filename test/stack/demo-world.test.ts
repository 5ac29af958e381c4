// The demonstration world on real PostgreSQL and a real Temporal dev server: the accounts
// log in with `passerelle-demo`, the templates are published, the demo projects stand at
// their phases with the right tasks in the right inboxes, and seeding again changes nothing.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { DEMO_PASSWORD, DEMO_USERS } from '../../stack/demo/directory';
import { shippedTemplates } from '../../stack/demo/templates';
import { isEmptyDatabase, seedDemoWorld } from '../../stack/demo/world';
import { TASK_QUEUE } from '../../temporal.config';
import { useIntegration } from '../support/integration';

const TABLES = ['organizations', 'users', 'memberships', 'definitions', 'definition_versions', 'projects', 'project_participants', 'tasks', 'events', 'notifications'] as const;

describe('the demonstration world', () => {
  const ctx = useIntegration();

  const counts = async () => {
    const result: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      result[table] = Number(row.n);
    }
    return result;
  };

  it('is seeded on an empty database, and a second seeding changes nothing', async () => {
    expect(await isEmptyDatabase(ctx.db)).toBe(true);
    const first = await seedDemoWorld({ db: ctx.db, client: ctx.temporal.client, taskQueue: TASK_QUEUE });
    expect(first).toMatchObject({ users: 6, projectsStarted: 4, definitions: shippedTemplates().length });
    expect(await isEmptyDatabase(ctx.db)).toBe(false);
    const before = await counts();
    const usersBefore = await ctx.db.selectFrom('users').select(['email', 'password_hash', 'calendar_token']).orderBy('email').execute();
    const second = await seedDemoWorld({ db: ctx.db, client: ctx.temporal.client, taskQueue: TASK_QUEUE });
    expect(second.projectsStarted).toBe(0);
    expect(await counts()).toEqual(before);
    expect(await ctx.db.selectFrom('users').select(['email', 'password_hash', 'calendar_token']).orderBy('email').execute()).toEqual(usersBefore);
    expect(before.definition_versions).toBe(shippedTemplates().length);
  });

  it('lets every demo account log in and see its part of the world', async () => {
    const app = createApp({ db: ctx.db, temporal: { client: ctx.temporal.client, taskQueue: TASK_QUEUE } });
    const sessions: Record<string, { cookie: string }> = {};
    for (const [handle, user] of Object.entries(DEMO_USERS)) {
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: DEMO_PASSWORD }),
      });
      expect(login.status, user.email).toBe(200);
      sessions[handle] = { cookie: /passerelle_session=[^;]*/.exec(login.headers.get('set-cookie') ?? '')![0] };
    }
    const get = async (handle: string, path: string) => (await app.request(path, { headers: { cookie: sessions[handle].cookie } })).json() as Promise<any>;

    const me = await get('federation', '/api/me');
    expect(me.is_admin).toBe(true);
    const all = await get('federation', '/api/projects');
    expect(all.items.map((p: any) => [p.title, p.phase, p.academie]).sort()).toEqual(
      [
        ['CLEE de la métropole lilloise 2026-2027', 'diagnostic', 'Lille'],
        ['CLEE du bassin lyonnais 2026-2027', 'validation', 'Lyon'],
        ['École de production de Lille — menuiserie', 'opportunite', 'Lille'],
        ['École de production de Lyon — métallerie', 'faisabilite', 'Lyon'],
      ].sort(),
    );
    const inbox = async (handle: string) => ((await get(handle, '/api/tasks')).items as any[]).map((t) => `${t.project_title} / ${t.node}`).sort();
    expect(await inbox('associationLyon')).toEqual(['École de production de Lyon — métallerie / budget', 'École de production de Lyon — métallerie / locaux']);
    expect(await inbox('associationLille')).toEqual(['École de production de Lille — menuiserie / completerOpportunite']);
    expect(await inbox('academieLyon')).toEqual(['CLEE du bassin lyonnais 2026-2027 / validerPlan']);
    expect(await inbox('academieLille')).toEqual(['CLEE de la métropole lilloise 2026-2027 / installer']);
    expect(await inbox('entreprise')).toEqual(['École de production de Lyon — métallerie / engagements']);
    // Each académie sees its own territory only.
    expect((await get('academieLille', '/api/projects')).items.every((p: any) => p.academie === 'Lille')).toBe(true);
    const dashboard = await get('federation', '/api/dashboard');
    expect(dashboard.by_academie).toEqual([{ academie: 'Lille', count: 2 }, { academie: 'Lyon', count: 2 }]);
  });
});
