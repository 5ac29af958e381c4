// Projects: every signed-in user lists and reads the projects their organizations take part
// in (administrators: all); a project the caller may not see is 404. Starting and
// cancelling a project are federation decisions: administrators only. Starting binds
// organizations to the definition's roles; every role a task is assigned to must be bound.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Db } from '../../db/database';
import { findVersion, latestPublished, latestVersion } from '../../db/queries/definitions';
import { existingOrganizationIds } from '../../db/queries/organizations';
import { lastRecordedStep, listProjects, projectDetail, projectState } from '../../db/queries/projects';
import type { Definition } from '../../dsl/schema';
import { assertCanSeeProject } from '../access';
import { recordAudit } from '../audit';
import type { AppEnv } from '../app-env';
import { currentUser, requireAdmin, requireUser } from '../auth/middleware';
import { problem, validationProblem, type ProblemItem } from '../errors';
import { IDEMPOTENCY_HEADER, idempotent, REPLAYED_HEADER } from '../idempotency';
import { AUTHENTICATED, jsonBody, jsonContent, problems } from '../openapi-responses';
import { cancelProject, startProject } from '../project-runner';
import { refusalProblem } from '../refusal-problem';
import { createRouter } from '../router';
import { IdParam } from '../schemas/ids';
import {
  ProjectCancelSchema,
  ProjectCreateSchema,
  ProjectDetailSchema,
  ProjectListQuery,
  ProjectPageSchema,
  type ProjectCreate,
  type ProjectDetail,
} from '../schemas/project';
import { IdempotencyKeyHeader } from '../schemas/task';

const tags = ['projets'];
const security = AUTHENTICATED;

const create = createRoute({
  method: 'post', path: '/projects', tags, security, middleware: [requireAdmin],
  summary: 'Démarrer un projet (administrateurs)',
  request: { headers: IdempotencyKeyHeader, body: jsonBody(ProjectCreateSchema) },
  responses: {
    201: jsonContent(ProjectDetailSchema, 'Projet démarré'),
    ...problems(400, 401, 403, 409, 413, 415, 422, 503),
  },
});

const list = createRoute({
  method: 'get', path: '/projects', tags, security, middleware: [requireUser],
  summary: 'Lister les projets visibles (filtres, pagination par curseur)',
  request: { query: ProjectListQuery },
  responses: { 200: jsonContent(ProjectPageSchema, 'Une page de projets, les plus récents d’abord'), ...problems(401, 422) },
});

const getOne = createRoute({
  method: 'get', path: '/projects/{id}', tags, security, middleware: [requireUser],
  summary: 'Lire un projet : variables, phase, tâches ouvertes, chronologie, version de la définition',
  request: { params: IdParam },
  responses: { 200: jsonContent(ProjectDetailSchema, 'Le projet'), ...problems(401, 404, 422) },
});

const cancel = createRoute({
  method: 'post', path: '/projects/{id}/cancel', tags, security, middleware: [requireUser],
  summary: 'Abandonner un projet (administrateurs) : ses tâches ouvertes sont annulées',
  request: {
    params: IdParam,
    headers: IdempotencyKeyHeader,
    body: { required: false, content: { 'application/json': { schema: ProjectCancelSchema } } },
  },
  responses: {
    200: jsonContent(ProjectDetailSchema, 'Projet abandonné'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422, 503),
  },
});

function temporalOf(c: Context<AppEnv>) {
  const temporal = c.var.deps.temporal;
  if (!temporal) throw problem('unavailable', 'Le moteur de processus (Temporal) n’est pas joignable.');
  return { db: c.var.deps.db, client: temporal.client, taskQueue: temporal.taskQueue };
}

/** The version to run and the problems with the bindings, as 422 findings. */
async function checkRequest(db: Db, body: ProjectCreate) {
  const version = body.definition_version
    ? await findVersion(db, body.definition_key, body.definition_version)
    : await latestVersion(db, body.definition_key);
  if (!version) {
    const path = body.definition_version ? '/definition_version' : '/definition_key';
    throw validationProblem([{ code: 'unknown_definition', path, message: 'Aucune version publiée de cette définition.' }]);
  }
  const definition = version.document as Definition;
  const errors: ProblemItem[] = [];
  // A subprocess runs with its parent's bindings, so its roles may be bound here too.
  const roles = new Set(definition.roles.map((r) => r.key));
  const published = await latestPublished(db);
  const seen = new Set<string>([body.definition_key]);
  const calls = [definition];
  while (calls.length > 0) {
    for (const node of calls.pop()!.nodes) {
      if (node.type !== 'subprocess' || seen.has(node.process)) continue;
      seen.add(node.process);
      const child = published.get(node.process);
      if (child) {
        child.roles.forEach((r) => roles.add(r.key));
        calls.push(child);
      }
    }
  }
  for (const role of Object.keys(body.bindings)) {
    if (!roles.has(role)) errors.push({ code: 'unknown_role', path: `/bindings/${role}`, message: `Le rôle « ${role} » n’existe pas dans la définition.` });
  }
  const assignees = new Set(definition.nodes.flatMap((n) => (n.type === 'task' ? [n.assignee] : [])));
  for (const role of assignees) {
    if (!body.bindings[role]) {
      errors.push({ code: 'unbound_role', path: `/bindings/${role}`, message: `Le rôle « ${role} » doit être confié à au moins une organisation.` });
    }
  }
  const known = await existingOrganizationIds(db, [...new Set(Object.values(body.bindings).flat())]);
  for (const [role, orgs] of Object.entries(body.bindings)) {
    orgs.forEach((id, i) => {
      if (!known.has(id)) errors.push({ code: 'unknown_organization', path: `/bindings/${role}/${i}`, message: 'Organisation inconnue.' });
    });
  }
  if (errors.length > 0) throw validationProblem(errors, 'Le projet ne peut pas être démarré ainsi.');
  return { key: version.key, version: version.version, document: version.document };
}

// The workflow writes its first step (first tasks, phase) a moment after it starts; the
// answer waits briefly for it so the caller sees the project as it really begins.
async function firstStepWritten(db: Db, projectId: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const step = await lastRecordedStep(db, projectId);
    if (step !== undefined && step >= 1) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function detailOrThrow(c: Context<AppEnv>, projectId: string): Promise<ProjectDetail> {
  const { db, now } = c.var.deps;
  const detail = await projectDetail(db, currentUser(c), projectId, now());
  if (!detail) throw problem('not-found', 'Projet introuvable.');
  return detail;
}

export function projectRoutes() {
  const app = createRouter();

  app.openapi(create, async (c) => {
    const user = currentUser(c);
    const body = c.req.valid('json');
    const { db } = c.var.deps;
    const answer = await idempotent(
      db,
      { userId: user.id, key: c.req.header(IDEMPOTENCY_HEADER), method: 'POST', path: c.req.path, body },
      async () => {
        // The request is judged before Temporal is needed: a bad one is a 422 even when the
        // engine is down.
        const definition = await checkRequest(db, body);
        const runner = temporalOf(c);
        const started = await startProject(runner, {
          title: body.title,
          definition,
          input: body.input ?? {},
          bindings: body.bindings,
          createdBy: user.id,
          async inTransaction(trx, projectId) {
            const version = { key: definition.key, version: definition.version };
            await recordAudit(trx, user, {
              type: 'project.started', projectId, subject: projectId,
              after: { title: body.title, definition: version, input: body.input ?? {} },
            });
            await recordAudit(trx, user, { type: 'project.bindings_set', projectId, subject: projectId, before: null, after: { bindings: body.bindings } });
          },
        });
        if (!started.ok) throw refusalProblem(started.refusal);
        await firstStepWritten(runner.db, started.projectId);
        return { status: 201, body: await detailOrThrow(c, started.projectId) };
      },
    );
    if (answer.replayed) c.header(REPLAYED_HEADER, 'true');
    return c.json(answer.body, 201);
  });

  app.openapi(list, async (c) => {
    const { db, now } = c.var.deps;
    return c.json(await listProjects(db, currentUser(c), c.req.valid('query'), now()), 200);
  });

  app.openapi(getOne, async (c) => {
    const { id } = c.req.valid('param');
    await assertCanSeeProject(c.var.deps.db, currentUser(c), id);
    return c.json(await detailOrThrow(c, id), 200);
  });

  app.openapi(cancel, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const { db } = c.var.deps;
    await assertCanSeeProject(db, user, id);
    if (!user.isAdmin) throw problem('forbidden', 'Seule la fédération peut abandonner un projet.');
    // The body is optional: without one, zod-openapi hands over `{}`.
    const { reason } = c.req.valid('json');
    const runner = temporalOf(c);
    const answer = await idempotent(
      db,
      { userId: user.id, key: c.req.header(IDEMPOTENCY_HEADER), method: 'POST', path: c.req.path, body: { reason } },
      async () => {
        const before = await projectState(db, id);
        if (!before) throw problem('not-found', 'Projet introuvable.');
        const result = await cancelProject(runner, { workflowId: before.workflow_id }, {
          actor: { userId: user.id, roles: [] },
          ...(reason ? { reason } : {}),
        });
        if (!result.ok) throw refusalProblem(result.refusal);
        await recordAudit(db, user, {
          type: 'project.cancelled', projectId: id, subject: id,
          before: { status: before?.status ?? null, phase: before?.phase ?? null },
          after: { status: result.summary.status, phase: result.summary.phase, reason: reason ?? null },
        });
        return { status: 200, body: await detailOrThrow(c, id) };
      },
    );
    if (answer.replayed) c.header(REPLAYED_HEADER, 'true');
    return c.json(answer.body, 200);
  });

  return app;
}
