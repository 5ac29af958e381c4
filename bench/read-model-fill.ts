// Fills a migrated Passerelle database with a federation's ten years of projects, in bulk:
// one INSERT … SELECT per table over generate_series, so 100,000 projects take seconds on
// PostgreSQL rather than an afternoon of activities. The rows are the ones recordStep
// writes (projects, participants, tasks, events), with the shipped templates published as
// version 1 and 300 organizations (the federation, 30 rectorats, 150 associations, 60
// companies, 59 schools), each with a member; ids are md5-derived so runs are repeatable.
// Spread: ~3 % running (open task, a quarter of them overdue), 5 % abandoned, the rest
// completed; 5 tasks and 10 events a project.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Definition } from '../dsl/schema';

const ACADEMIES = [
  'Aix-Marseille', 'Amiens', 'Besançon', 'Bordeaux', 'Clermont-Ferrand', 'Corse', 'Créteil', 'Dijon', 'Grenoble',
  'Guadeloupe', 'Guyane', 'La Réunion', 'Lille', 'Limoges', 'Lyon', 'Martinique', 'Mayotte', 'Montpellier',
  'Nancy-Metz', 'Nantes', 'Nice', 'Normandie', 'Orléans-Tours', 'Paris', 'Poitiers', 'Reims', 'Rennes',
  'Strasbourg', 'Toulouse', 'Versailles',
];

const TEMPLATES: Array<{ key: string; picks: Record<string, 'assoc' | 'fed' | 'rectorat' | 'company' | 'school'> }> = [
  { key: 'ecole-de-production', picks: { association: 'assoc', federation: 'fed', academie: 'rectorat', entreprise: 'company', ecole: 'school' } },
  { key: 'clee-plan-annuel', picks: { chef_etablissement: 'school', partenaire: 'assoc', academie: 'rectorat', ecole: 'school', entreprise: 'company' } },
  { key: 'stage-3e', picks: { coordination: 'fed', college: 'school', eleve: 'school', entreprise: 'company' } },
];

export const TASKS_PER_PROJECT = 5;
export const EVENTS_PER_PROJECT = 10;

/** Org number n (0..299) → its deterministic uuid. */
export const orgId = (n: number) => uuidOf(`org${n}`);
export const projectId = (i: number) => uuidOf(`project${i}`);
function uuidOf(text: string): string {
  // Same as md5(text)::uuid in SQL.
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface FillResult {
  projects: number;
  running: number;
  tasks: number;
  events: number;
  organizations: number;
}

export async function fillReadModel(db: Db, projects: number): Promise<FillResult> {
  const root = join(import.meta.dirname, '..');
  const run = (query: string) => sql.raw(query).execute(db);
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

  // Organizations: 0 federation, 1–30 rectorats, 31–180 associations, 181–240 companies, 241–299 schools.
  const academies = `(array[${ACADEMIES.map(lit).join(',')}])`;
  await run(`
    insert into organizations (id, name, kind, academie)
    select md5('org' || n)::uuid,
      case when n = 0 then 'Fédération' when n <= 30 then 'Rectorat ' || n when n <= 180 then 'Association ' || n
           when n <= 240 then 'Entreprise ' || n else 'Lycée ' || n end,
      case when n = 0 then 'federation' when n <= 30 then 'academie' when n <= 180 then 'association'
           when n <= 240 then 'company' else 'school' end,
      case when n = 0 then null else ${academies}[1 + (n - 1) % 30] end
    from generate_series(0, 299) n`);
  await run(`
    insert into users (id, email, name, is_admin)
    select md5('user' || n)::uuid, 'membre' || n || '@bench.passerelle', 'Membre ' || n, false from generate_series(0, 299) n`);
  await run(`insert into users (id, email, name, is_admin) values (md5('admin')::uuid, 'admin@bench.passerelle', 'Admin', true)`);
  await run(`
    insert into memberships (user_id, organization_id)
    select md5('user' || n)::uuid, md5('org' || n)::uuid from generate_series(0, 299) n
    union all select md5('admin')::uuid, md5('org0')::uuid`);

  // The templates, published as version 1; their first five task nodes give the tasks.
  const taskRows: string[] = [];
  const roleRows: string[] = [];
  const phaseRows: string[] = [];
  TEMPLATES.forEach(({ key, picks }, d) => {
    const doc = JSON.parse(readFileSync(join(root, 'templates', `${key}.json`), 'utf8')) as Definition;
    taskRows.push(
      ...doc.nodes
        .flatMap((n) => (n.type === 'task' ? [n] : []))
        .slice(0, TASKS_PER_PROJECT)
        .map((n, j) => `(${d}, ${j}, ${lit(n.id)}, ${lit(n.assignee)}, ${lit(n.label ?? n.id)})`),
    );
    roleRows.push(...doc.roles.map((r) => `(${d}, ${lit(r.key)}, ${lit(picks[r.key] ?? 'company')})`));
    (doc.phases ?? []).forEach((p, k) => phaseRows.push(`(${d}, ${k}, ${lit(p.key)}, ${(doc.phases ?? []).length})`));
    return doc;
  });
  for (const [d, { key }] of TEMPLATES.entries()) {
    const doc = readFileSync(join(root, 'templates', `${key}.json`), 'utf8');
    const name = (JSON.parse(doc) as Definition).name;
    await run(`insert into definitions (key, name) values (${lit(key)}, ${lit(name)})`);
    await run(`insert into definition_versions (key, version, document) values (${lit(key)}, 1, ${lit(doc)}::jsonb)`);
    void d;
  }
  await run(`create temporary table bench_defs (d int, key text)`);
  await run(`insert into bench_defs values ${TEMPLATES.map((t, d) => `(${d}, ${lit(t.key)})`).join(', ')}`);
  await run(`create temporary table bench_tasks (d int, j int, node text, assignee text, label text)`);
  await run(`insert into bench_tasks values ${taskRows.join(', ')}`);
  await run(`create temporary table bench_roles (d int, role text, pick text)`);
  await run(`insert into bench_roles values ${roleRows.join(', ')}`);
  await run(`create temporary table bench_phases (d int, k int, phase text, n int)`);
  await run(`insert into bench_phases values ${phaseRows.join(', ')}`);

  // Projects: i = 1..N, definition i % 3, académie i % 30; running when i % 33 = 0,
  // abandoned when i % 20 = 1. Finished ones spread over ten years, running ones over 18 months.
  const N = projects;
  await run(`
    create temporary table bench_projects as
    select i, i % 3 as d, i % 30 as a,
      case when i % 33 = 0 then 'running' when i % 20 = 1 then 'abandoned' else 'completed' end as status,
      case when i % 33 = 0 then now() - make_interval(days => (i * 7919) % 540, hours => i % 24)
           else now() - interval '10 years' + make_interval(secs => (i::float8 / ${N}) * 9.5 * 365 * 86400) end as started_at
    from generate_series(1, ${N}) i`);
  await run(`
    insert into projects (id, workflow_id, title, definition_key, definition_version, status, result, phase, variables,
                          next_due_at, academie, started_at, finished_at, last_seq, updated_at)
    select md5('project' || p.i)::uuid, 'project-' || md5('project' || p.i)::uuid,
      case p.d when 0 then 'École de production' when 1 then 'CLEE' else 'Stages de 3e' end || ' n° ' || p.i || ' — ' || ${academies}[1 + p.a],
      bd.key, 1, p.status, case when p.status = 'running' then null else p.status end,
      ph.phase, '{}'::jsonb,
      case when p.status = 'running' then now() + make_interval(days => (p.i % 60) - 15) end,
      ${academies}[1 + p.a], p.started_at,
      case when p.status = 'running' then null else least(now(), p.started_at + interval '300 days') end,
      ${EVENTS_PER_PROJECT}, p.started_at
    from bench_projects p
    join bench_defs bd on bd.d = p.d
    join bench_phases ph on ph.d = p.d
      and ph.k = case when p.status = 'running' then (p.i / 33) % ph.n else ph.n - 1 end`);
  await run(`
    insert into project_participants (project_id, role, organization_id)
    select md5('project' || p.i)::uuid, r.role, md5('org' || case r.pick
        when 'fed' then 0 when 'rectorat' then 1 + p.a when 'assoc' then 31 + p.a + 30 * ((p.i / 30) % 5)
        when 'company' then 181 + p.i % 60 else 241 + p.i % 59 end)::uuid
    from bench_projects p join bench_roles r on r.d = p.d`);
  await run(`
    insert into tasks (project_id, task_id, node, label, assignee, outcomes, form, status, opened_at, due_at, outcome, values, closed_at)
    select md5('project' || p.i)::uuid, t.node || ':1', t.node, t.label, t.assignee, '["done"]'::jsonb, '[]'::jsonb,
      case when t.j < ${TASKS_PER_PROJECT - 1} or p.status = 'completed' then 'completed'
           when p.status = 'running' then 'open' else 'cancelled' end,
      p.started_at + make_interval(days => 30 * t.j),
      case when p.status = 'running' and t.j = ${TASKS_PER_PROJECT - 1} then now() + make_interval(days => (p.i % 60) - 15)
           else p.started_at + make_interval(days => 30 * t.j + 20) end,
      case when t.j < ${TASKS_PER_PROJECT - 1} or p.status = 'completed' then 'done' end,
      case when t.j < ${TASKS_PER_PROJECT - 1} or p.status = 'completed' then '{}'::jsonb end,
      case when t.j < ${TASKS_PER_PROJECT - 1} or p.status <> 'running' then p.started_at + make_interval(days => 30 * t.j + 10) end
    from bench_projects p join bench_tasks t on t.d = p.d`);
  await run(`
    insert into events (project_id, seq, idx, at, type, node, task_id, data)
    select md5('project' || p.i)::uuid, s, 0, p.started_at + make_interval(days => 15 * s),
      (array['started', 'phase_entered', 'task_opened', 'task_completed', 'task_opened', 'task_completed',
             'task_opened', 'task_completed', 'task_opened', 'finished'])[s],
      null, null, '{}'::jsonb
    from bench_projects p cross join generate_series(1, ${EVENTS_PER_PROJECT}) s`);
  await run('analyze');
  const count = async (table: string, where = '') =>
    Number(((await sql.raw(`select count(*)::int as n from ${table} ${where}`).execute(db)).rows[0] as { n: number }).n);
  return {
    projects: await count('projects'),
    running: await count('projects', "where status = 'running'"),
    tasks: await count('tasks'),
    events: await count('events'),
    organizations: await count('organizations'),
  };
}
