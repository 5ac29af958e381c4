// The permission matrix of the project, task, dashboard and calendar routes, generated from
// one table: every route × every kind of caller → the expected status, and for lists what
// the caller sees. Project "P" binds the Lyon association, the Lyon académie and the
// company; the Lille association and académie take no part in it. Routes that change
// something run on a fresh project per cell, and a refused request must leave it unchanged.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACTORS, reviewDefinition, useProjectWorld, type Actor, type ProjectWorld } from '../support/project-world';
import { waitFor } from '../support/wait';

type Fresh = 'depot' | 'revue';
interface Cell {
  method: string;
  path: string;
  body?: unknown;
}
interface Route {
  name: string;
  /** A fresh project for each cell: with `depot:1` open, or advanced to `revue:1`. */
  fresh?: Fresh;
  request(ctx: { world: ProjectWorld; project: string; actor: Actor }): Cell | Promise<Cell>;
  /** Statuses for: anonymous, admin, member, otherMember, reviewer, otherReviewer, company. */
  expect: number[];
  /** For 200 answers: whether project P shows in what this caller gets. */
  sees?(body: any, text: string, project: string): boolean;
  /** Actors expected to see P (default: those who may read it). */
  seers?: Actor[];
}

const READERS: Actor[] = ['admin', 'member', 'reviewer', 'company'];
const A = 401;

const ROUTES: Route[] = [
  {
    name: 'POST /api/projects',
    request: ({ world }) => ({
      method: 'POST',
      path: '/api/projects',
      body: {
        definition_key: reviewDefinition.key,
        title: 'Matrice',
        bindings: { association: [world.orgs.lyon], academie: [world.orgs.academieLyon] },
        input: { nomProjet: 'Matrice' },
      },
    }),
    expect: [A, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'GET /api/projects',
    request: () => ({ method: 'GET', path: '/api/projects?limit=100' }),
    expect: [A, 200, 200, 200, 200, 200, 200],
    sees: (body, _t, p) => body.items.some((i: { id: string }) => i.id === p),
  },
  { name: 'GET /api/projects/{id}', request: ({ project }) => ({ method: 'GET', path: `/api/projects/${project}` }), expect: [A, 200, 200, 404, 200, 404, 200] },
  {
    name: 'POST /api/projects/{id}/cancel',
    fresh: 'depot',
    request: ({ project }) => ({ method: 'POST', path: `/api/projects/${project}/cancel`, body: {} }),
    expect: [A, 200, 403, 404, 403, 404, 403],
  },
  {
    name: 'GET /api/tasks',
    request: () => ({ method: 'GET', path: '/api/tasks?limit=100' }),
    expect: [A, 200, 200, 200, 200, 200, 200],
    sees: (body, _t, p) => body.items.some((i: { project_id: string }) => i.project_id === p),
    seers: ['member'],
  },
  {
    name: 'GET /api/projects/{id}/tasks/{taskId}',
    request: ({ project }) => ({ method: 'GET', path: `/api/projects/${project}/tasks/depot:1` }),
    expect: [A, 200, 200, 404, 200, 404, 200],
  },
  {
    name: 'POST /api/projects/{id}/tasks/{taskId}/complete (association task)',
    fresh: 'depot',
    request: ({ project }) => ({ method: 'POST', path: `/api/projects/${project}/tasks/depot:1/complete`, body: { outcome: 'done', values: { nbJeunes: 8 } } }),
    expect: [A, 403, 200, 404, 403, 404, 403],
  },
  {
    name: 'POST /api/projects/{id}/tasks/{taskId}/complete (académie review)',
    fresh: 'revue',
    request: ({ project }) => ({ method: 'POST', path: `/api/projects/${project}/tasks/revue:1/complete`, body: { outcome: 'approved', values: { avis: 'Favorable' } } }),
    expect: [A, 403, 403, 404, 200, 404, 403],
  },
  {
    name: 'GET /api/dashboard',
    request: () => ({ method: 'GET', path: '/api/dashboard' }),
    expect: [A, 200, 200, 200, 200, 200, 200],
    sees: (body) => body.total > 0,
  },
  { name: 'GET /api/me/calendar', request: () => ({ method: 'GET', path: '/api/me/calendar' }), expect: [A, 200, 200, 200, 200, 200, 200] },
  {
    name: 'GET /api/calendar/{secret}.ics (own secret; anonymous: a made-up one)',
    request: async ({ world, actor }) => {
      if (actor === 'anonymous') return { method: 'GET', path: `/api/calendar/${'0'.repeat(64)}.ics` };
      const { body } = await world.as[actor].json('GET', '/api/me/calendar');
      return { method: 'GET', path: new URL(body.url).pathname };
    },
    expect: [404, 200, 200, 200, 200, 200, 200],
    sees: (_b, text, p) => text.includes(`UID:${p}.depot:1@passerelle`),
    seers: ['member'],
  },
  { name: 'POST /api/me/calendar/reset', request: () => ({ method: 'POST', path: '/api/me/calendar/reset' }), expect: [A, 200, 200, 200, 200, 200, 200] },
];

describe('the permission matrix', () => {
  const world = useProjectWorld();
  let shared: string;

  async function project(fresh: Fresh | undefined): Promise<string> {
    if (!fresh && shared) return shared;
    const { id } = await world.startReview(fresh ? `Cellule ${fresh}` : 'Projet P');
    await waitFor(async () => expect((await world.as.member.json('GET', `/api/projects/${id}/tasks/depot:1`)).status).toBe(200));
    if (fresh === 'revue') {
      const done = await world.as.member.json('POST', `/api/projects/${id}/tasks/depot:1/complete`, { outcome: 'done', values: { nbJeunes: 4 } });
      expect(done.status).toBe(200);
    }
    if (!fresh) shared = id;
    return id;
  }

  const snapshot = async (id: string) => ({
    project: await world.ctx.db.selectFrom('projects').select(['status', 'phase', 'last_seq']).where('id', '=', id).executeTakeFirst(),
    tasks: await world.ctx.db.selectFrom('tasks').select(['task_id', 'status']).where('project_id', '=', id).orderBy('task_id').execute(),
  });

  for (const route of ROUTES) {
    ACTORS.forEach((actor, i) => {
      const status = route.expect[i];
      it(`${route.name} as ${actor} → ${status}`, async () => {
        const id = await project(route.fresh);
        const before = route.fresh ? await snapshot(id) : undefined;
        const cell = await route.request({ world, project: id, actor });
        const response = await world.as[actor].request(cell.method, cell.path, cell.body);
        const text = await response.text();
        expect(response.status, text).toBe(status);
        if (status >= 400) {
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          // No hint of the project to those who may not see it: the same answer as for an id
          // that names nothing.
          if (status === 404 && cell.path.includes(id)) {
            const other = randomUUID();
            const missing = await world.as[actor].request(cell.method, cell.path.replace(id, other), cell.body);
            expect(missing.status).toBe(404);
            expect(text.replaceAll(id, 'ID')).toBe((await missing.text()).replaceAll(other, 'ID'));
          }
          if (before) expect(await snapshot(id)).toEqual(before);
        }
        if (status === 200 && route.sees) {
          const body = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
          expect(route.sees(body, text, id)).toBe((route.seers ?? READERS).includes(actor));
        }
      });
    });
  }
});
