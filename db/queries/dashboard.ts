// The counts behind the portfolio dashboard, over the projects the viewer may see
// (administrators: all), optionally for one académie: projects by status (blocked ones
// too), running projects by phase, projects by académie, and the open tasks that are
// overdue or fall due within 14 days.
import { sql } from 'kysely';
import { phaseLabel } from '../../dsl/labels';
import type { Db } from '../database';
import { visibleProjectIds, type Viewer } from './access';
import { definitionsOf } from './definitions';

export const DUE_SOON_DAYS = 14;
const UPCOMING_LIMIT = 20;

function scopedProjects(db: Db, user: Viewer, academie: string | undefined) {
  let query = db.selectFrom('projects as p');
  if (!user.isAdmin) query = query.where('p.id', 'in', visibleProjectIds(db, user));
  if (academie) query = query.where('p.academie', '=', academie);
  return query;
}

export async function dashboard(db: Db, user: Viewer, academie: string | undefined, now: Date) {
  const soon = new Date(now.getTime() + DUE_SOON_DAYS * 24 * 60 * 60 * 1000);
  const count = sql<string>`count(*)`;
  const scope = () => scopedProjects(db, user, academie);
  const openTasks = () =>
    scope()
      .innerJoin('tasks as t', 't.project_id', 'p.id')
      .where('p.status', '=', 'running')
      .where('t.status', '=', 'open')
      .where('t.due_at', 'is not', null)
      .where('t.due_at', '<', soon);
  const [byStatus, byPhase, byAcademie, taskCounts, upcoming] = await Promise.all([
    scope().select(['p.status', count.as('n')]).groupBy('p.status').execute(),
    scope()
      .where('p.status', '=', 'running')
      .select(['p.phase', 'p.definition_key', 'p.definition_version', count.as('n')])
      .groupBy(['p.phase', 'p.definition_key', 'p.definition_version'])
      .orderBy('p.phase')
      .orderBy('p.definition_key')
      .orderBy('p.definition_version', 'desc')
      .execute(),
    scope().select(['p.academie', count.as('n')]).groupBy('p.academie').orderBy('p.academie').execute(),
    openTasks()
      .select([
        sql<string>`count(*) filter (where t.due_at < ${now})`.as('overdue_tasks'),
        sql<string>`count(distinct p.id) filter (where t.due_at < ${now})`.as('overdue_projects'),
        sql<string>`count(*) filter (where t.due_at >= ${now})`.as('soon_tasks'),
        sql<string>`count(distinct p.id) filter (where t.due_at >= ${now})`.as('soon_projects'),
      ])
      .executeTakeFirstOrThrow(),
    openTasks()
      .select(['p.id as project_id', 'p.title as project_title', 'p.academie', 't.task_id', 't.label', 't.assignee', 't.due_at'])
      .orderBy('t.due_at')
      .orderBy('p.id')
      .orderBy('t.task_id')
      .limit(UPCOMING_LIMIT)
      .execute(),
  ]);
  const definitions = await definitionsOf(db, byPhase);
  const phases = new Map<string | null, { phase: string | null; label: string | null; count: number }>();
  for (const row of byPhase) {
    const entry = phases.get(row.phase) ?? { phase: row.phase, label: null, count: 0 };
    const document = definitions.get(`${row.definition_key}@${row.definition_version}`);
    // Rows come by definition key, newest version first: the first label found beats the bare key.
    if (entry.label === null || entry.label === row.phase) entry.label = phaseLabel(document, row.phase);
    entry.count += Number(row.n);
    phases.set(row.phase, entry);
  }
  const statuses = { running: 0, blocked: 0, completed: 0, abandoned: 0 };
  for (const row of byStatus) statuses[row.status] = Number(row.n);
  return {
    total: statuses.running + statuses.blocked + statuses.completed + statuses.abandoned,
    by_status: statuses,
    by_phase: [...phases.values()],
    by_academie: byAcademie.map((r) => ({ academie: r.academie, count: Number(r.n) })),
    overdue: { projects: Number(taskCounts.overdue_projects), tasks: Number(taskCounts.overdue_tasks) },
    due_soon: { days: DUE_SOON_DAYS, projects: Number(taskCounts.soon_projects), tasks: Number(taskCounts.soon_tasks) },
    upcoming: upcoming.map((r) => ({
      project_id: r.project_id,
      project_title: r.project_title,
      academie: r.academie,
      task_id: r.task_id,
      label: r.label,
      assignee: r.assignee,
      due_at: r.due_at!.toISOString(),
      overdue: r.due_at! < now,
    })),
  };
}
