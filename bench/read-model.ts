// Section "read-model": the pages people open, against a federation's ten years of projects
// (100,000 projects, 1,000,000 events, 500,000 tasks, 300 organizations; --quick: 2,000),
// on the real PostgreSQL server and on the embedded PGlite. Each figure is p50/p95 over
// calls through the API in-process (`app.request`, Bearer token: authentication included),
// against the baseline of the cheapest authenticated call (GET /api/me) in the same run;
// PGlite rows take the PostgreSQL figure as their baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../api/app';
import { createApiToken } from '../api/auth/api-tokens';
import { createDatabase, type Db } from '../db/database';
import { createTestDatabase } from '../test/support/database';
import { fillReadModel, projectId } from './read-model-fill';
import { nowMs, quantile, row, type Row, type Section } from './section';

interface Probe {
  name: string;
  as: 'member' | 'federation' | 'admin' | 'calendar';
  path: string;
}

function probes(sampleProject: string): Probe[] {
  return [
    { name: 'inbox, association member', as: 'member', path: '/api/tasks' },
    { name: 'inbox, federation staff', as: 'federation', path: '/api/tasks' },
    { name: 'project list, member', as: 'member', path: '/api/projects' },
    { name: 'project list, all (admin)', as: 'admin', path: '/api/projects' },
    { name: 'project list, status=running', as: 'admin', path: '/api/projects?status=running' },
    { name: 'project list, status=completed', as: 'admin', path: '/api/projects?status=completed' },
    { name: 'project list, phase', as: 'admin', path: '/api/projects?phase=faisabilite' },
    { name: 'project list, académie', as: 'admin', path: `/api/projects?academie=${encodeURIComponent('Lyon')}` },
    { name: 'project list, overdue', as: 'admin', path: '/api/projects?overdue=true' },
    { name: 'project list, title search', as: 'admin', path: `/api/projects?q=${encodeURIComponent('n° 1234')}` },
    { name: 'project list, definition', as: 'admin', path: '/api/projects?definition_key=stage-3e' },
    { name: 'project list, 2nd page (cursor)', as: 'admin', path: 'CURSOR' },
    { name: 'dashboard, all (admin)', as: 'admin', path: '/api/dashboard' },
    { name: 'dashboard, one académie', as: 'admin', path: `/api/dashboard?academie=${encodeURIComponent('Lyon')}` },
    { name: 'dashboard, member', as: 'member', path: '/api/dashboard' },
    { name: 'project page with timeline', as: 'member', path: `/api/projects/${sampleProject}` },
    { name: 'calendar feed, member', as: 'calendar', path: 'CALENDAR' },
  ];
}

interface Timing {
  p50: number;
  p95: number;
}

async function measure(db: Db, calls: number, log: (line: string) => void, label: string): Promise<Map<string, Timing>> {
  const app = createApp({ db, publicUrl: 'http://passerelle.bench' });
  const userId = (n: number | 'admin') => db.selectFrom('users').select(['id', 'calendar_token']).where('email', '=', n === 'admin' ? 'admin@bench.passerelle' : `membre${n}@bench.passerelle`).executeTakeFirstOrThrow();
  // Association 31 (Aix-Marseille) takes part in about 1/150 of the projects; org 0 is the federation.
  const member = await userId(31);
  const federation = await userId(0);
  const admin = await userId('admin');
  const tokens = {
    member: (await createApiToken(db, member.id, 'bench')).token,
    federation: (await createApiToken(db, federation.id, 'bench')).token,
    admin: (await createApiToken(db, admin.id, 'bench')).token,
  };
  const get = async (as: keyof typeof tokens, path: string) => {
    const response = await app.request(path, { headers: { authorization: `Bearer ${tokens[as]}` } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const first = (await (await get('admin', '/api/projects')).json()) as { next_cursor?: string };
  const cursor = first.next_cursor;
  // A running école de production of the member's association 31 (i % 33 = 0, i % 30 = 0, (i / 30) % 5 = 0).
  const sample = projectId(1650);
  const results = new Map<string, Timing>();
  const time = async (name: string, run: () => Promise<unknown>) => {
    for (let i = 0; i < Math.min(10, calls); i++) await run();
    const samples: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = nowMs();
      await run();
      samples.push(nowMs() - t0);
    }
    results.set(name, { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) });
  };
  await time('baseline: GET /api/me', () => get('member', '/api/me').then((r) => r.text()));
  for (const probe of probes(sample)) {
    log(`read-model (${label}): ${probe.name}`);
    if (probe.path === 'CALENDAR') {
      await time(probe.name, async () => {
        const r = await app.request(`/api/calendar/${member.calendar_token}.ics`);
        if (r.status !== 200) throw new Error(`calendar: ${r.status}`);
        await r.text();
      });
    } else if (probe.path === 'CURSOR') {
      if (!cursor) throw new Error('no second page');
      await time(probe.name, () => get('admin', `/api/projects?cursor=${encodeURIComponent(cursor)}`).then((r) => r.text()));
    } else {
      await time(probe.name, () => get(probe.as as keyof typeof tokens, probe.path).then((r) => r.text()));
    }
  }
  return results;
}

export const readModelSection: Section = {
  name: 'read-model',
  describe: 'inbox, project lists, dashboard, project page and calendar over 100,000 projects, PostgreSQL and PGlite',
  async run({ quick, log }) {
    const projects = quick ? 2_000 : 100_000;
    const calls = quick ? 15 : 200;
    const rows: Row[] = [];

    log(`read-model: filling PostgreSQL with ${projects} projects`);
    const pg = await createTestDatabase();
    let pgTimings: Map<string, Timing>;
    try {
      const t0 = nowMs();
      const filled = await fillReadModel(pg.db, projects);
      const fillSeconds = (nowMs() - t0) / 1000;
      log(`read-model: ${JSON.stringify(filled)} in ${fillSeconds.toFixed(1)} s`);
      rows.push(row(`fill, ${filled.projects} projects / ${filled.events} events (PostgreSQL)`, fillSeconds, 's'));
      pgTimings = await measure(pg.db, calls, log, 'PostgreSQL');
    } finally {
      await pg.drop();
    }
    const base = pgTimings.get('baseline: GET /api/me')!;
    for (const [name, t] of pgTimings) {
      if (name.startsWith('baseline')) continue;
      rows.push(row(`${name} p50 (PostgreSQL)`, t.p50, 'ms', base.p50, '< 20 ms (aim)', 'GET /api/me p50'));
      rows.push(row(`${name} p95 (PostgreSQL)`, t.p95, 'ms', base.p95, '< 50 ms', 'GET /api/me p95'));
    }
    rows.push(row('baseline GET /api/me p95 (PostgreSQL)', base.p95, 'ms'));

    log(`read-model: filling PGlite with ${projects} projects`);
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-pglite-'));
    try {
      const lite = await createDatabase({ pgliteDir: dir });
      try {
        const t0 = nowMs();
        await fillReadModel(lite, projects);
        rows.push(row(`fill (PGlite)`, (nowMs() - t0) / 1000, 's'));
        const liteTimings = await measure(lite, Math.max(10, Math.round(calls / 4)), log, 'PGlite');
        for (const [name, t] of liteTimings) {
          const ref = pgTimings.get(name)!;
          rows.push(row(`${name.replace('baseline: ', 'baseline ')} p95 (PGlite)`, t.p95, 'ms', ref.p95, null, 'same call on PostgreSQL'));
        }
      } finally {
        await lite.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows;
  },
};
