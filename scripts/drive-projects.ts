// Running projects with nobody at the keyboard, for record-histories.ts and the integration
// tests: a directory with one organization and one user per process role, publishing
// templates, values that satisfy a form, and an autopilot that completes every open task of a
// project (and of its subprocesses) with its first outcome until the project is over.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { TEMPLATES_DIR } from '../stack/demo/templates';
import type { RunnerDeps } from '../api/project-runner';
import { completeTask } from '../api/project-runner';
import type { Db } from '../db/database';
import type { Definition, Variable } from '../dsl/schema';
import type { DefinitionSnapshot } from '../workflows/messages';

export function readTemplate(key: string): Definition {
  return JSON.parse(readFileSync(`${TEMPLATES_DIR}${key}.json`, 'utf8')) as Definition;
}

/** Publishes a document as the next version of its key (creating the definition if needed). */
export async function publish(db: Db, document: Definition): Promise<DefinitionSnapshot> {
  await db
    .insertInto('definitions')
    .values({ key: document.key, name: document.name, draft: null, draft_updated_at: null, updated_by: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const last = await db
    .selectFrom('definition_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('key', '=', document.key)
    .executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await db
    .insertInto('definition_versions')
    .values({ key: document.key, version, document: JSON.stringify(document), published_by: null })
    .execute();
  return { key: document.key, version, document };
}

export interface Directory {
  /** Role key → organization ids, as the runner takes them. */
  bindings: Record<string, string[]>;
  /** Role key → the one user of that role's organization. */
  users: Record<string, { id: string; email: string }>;
  actor(role: string): { userId: string; roles: string[] };
}

/** One organization (académie "Lyon") and one user per role; names are unique per call. */
export async function seedDirectory(db: Db, roles: string[]): Promise<Directory> {
  const tag = randomUUID().slice(0, 8);
  const bindings: Directory['bindings'] = {};
  const users: Directory['users'] = {};
  for (const role of roles) {
    const org = await db
      .insertInto('organizations')
      .values({ name: `${role} ${tag}`, kind: role === roles[0] ? 'association' : 'company', academie: 'Lyon', region: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const email = `${role}.${tag}@passerelle.test`;
    const user = await db
      .insertInto('users')
      .values({ email, name: `${role} ${tag}`, password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('memberships').values({ user_id: user.id, organization_id: org.id }).execute();
    bindings[role] = [org.id];
    users[role] = { id: user.id, email };
  }
  return { bindings, users, actor: (role) => ({ userId: users[role].id, roles: [role] }) };
}

/**
 * A value of a variable's type. Dates are in the past, so `until` timers fire at once;
 * numbers are large enough for the templates' "enough?" gateways to move on.
 */
export function sampleValue(variable: Variable): string | number | boolean {
  switch (variable.type) {
    case 'integer':
      return 12;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'date':
      return '2020-01-15';
    case 'email':
      return 'contact@example.org';
    case 'url':
      return 'https://example.org/dossier';
    case 'enum':
      return variable.options?.[0] ?? '';
    default:
      return `Valeur de ${variable.label ?? variable.name}`;
  }
}

/** Values for the required variables of a definition (start input) or of a form. */
export function requiredValues(definition: Definition, names?: { var: string; required?: boolean }[]): Record<string, unknown> {
  const variables = new Map((definition.variables ?? []).map((v) => [v.name, v]));
  const wanted = names
    ? names.filter((f) => f.required).map((f) => f.var)
    : (definition.variables ?? []).filter((v) => v.required).map((v) => v.name);
  return Object.fromEntries(wanted.map((name) => [name, sampleValue(variables.get(name)!)]));
}

/** The project and its subprocesses, however deep. */
export async function projectTree(db: Db, rootId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive tree(id) as (
      select id from projects where id = ${rootId}
      union all
      select p.id from projects p join tree t on p.parent_project_id = t.id
    ) select id from tree`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * Completes open tasks (first outcome, required values) until the project is over. `onStep`
 * runs after each completion (for checks). `documents` gives each definition key's document.
 */
export async function autopilot(
  deps: RunnerDeps & { db: Db },
  projectId: string,
  documents: Record<string, Definition>,
  options: { timeoutMs?: number; onStep?: (task: { projectId: string; taskId: string }) => Promise<void> } = {},
): Promise<number> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let completed = 0;
  for (;;) {
    const root = await deps.db.selectFrom('projects').select('status').where('id', '=', projectId).executeTakeFirstOrThrow();
    if (root.status !== 'running') return completed;
    if (Date.now() > deadline) throw new Error(`autopilot: project ${projectId} still running after ${completed} tasks`);
    const ids = await projectTree(deps.db, projectId);
    const open = await deps.db
      .selectFrom('tasks')
      .innerJoin('projects', 'projects.id', 'tasks.project_id')
      .select(['tasks.project_id', 'tasks.task_id', 'tasks.assignee', 'tasks.outcomes', 'tasks.form', 'projects.definition_key', 'projects.workflow_id'])
      .where('tasks.project_id', 'in', ids)
      .where('tasks.status', '=', 'open')
      .orderBy('tasks.opened_at')
      .execute();
    if (open.length === 0) {
      await new Promise((r) => setTimeout(r, 100)); // A subprocess or timer is on its way.
      continue;
    }
    for (const task of open) {
      const document = documents[task.definition_key];
      // The first outcome, unless the path keeps coming back here: then try the others.
      const visit = Number(task.task_id.split(':')[1]);
      const outcome = visit <= 3 ? task.outcomes[0] : task.outcomes[(visit - 3) % task.outcomes.length];
      const result = await completeTask(deps, { workflowId: task.workflow_id }, {
        task: task.task_id,
        outcome,
        values: requiredValues(document, task.form as { var: string; required?: boolean }[]),
        actor: { roles: [task.assignee] },
      });
      if (!result.ok) throw new Error(`autopilot: ${task.task_id} refused: ${JSON.stringify(result.refusal)}`);
      completed += 1;
      await options.onStep?.({ projectId: task.project_id, taskId: task.task_id });
    }
  }
}
