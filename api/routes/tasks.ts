// Tasks: my inbox, one task with its form, and completing it. Who may act: a user holds a
// process role in a project when one of their organizations is bound to it
// (access.ts/rolesOf). Administrators get no extra role: the federation acts through the
// roles bound to the federation's organization, so the history always says who decided
// as what. Completion goes to the project's workflow (a Temporal update, serialised per
// project): of two people completing the same task at once, one wins, the other gets 409.
// The engine alone decides whether a completion stands (role, open task, running project,
// outcome, values); the read model only answers 404 first for what the caller may not see.
import { createRoute } from '@hono/zod-openapi';
import { rolesOf } from '../../db/queries/access';
import { findTask, inbox, taskDetail } from '../../db/queries/tasks';
import { assertCanSeeProject, rolesInVisibleProject } from '../access';
import { currentUser, requireUser } from '../auth/middleware';
import { problem } from '../errors';
import { IDEMPOTENCY_HEADER, idempotent, REPLAYED_HEADER } from '../idempotency';
import { AUTHENTICATED, jsonBody, jsonContent, problems } from '../openapi-responses';
import { completeTask } from '../project-runner';
import { refusalProblem } from '../refusal-problem';
import { createRouter } from '../router';
import {
  IdempotencyKeyHeader,
  InboxPageSchema,
  InboxQuery,
  TaskCompletedSchema,
  TaskCompleteSchema,
  TaskDetailSchema,
  TaskParams,
} from '../schemas/task';

const tags = ['tâches'];
const security = AUTHENTICATED;

const inboxRoute = createRoute({
  method: 'get', path: '/tasks', tags, security, middleware: [requireUser],
  summary: 'Ma corbeille : les tâches ouvertes que je peux accomplir, les plus urgentes d’abord',
  request: { query: InboxQuery },
  responses: { 200: jsonContent(InboxPageSchema, 'Une page de tâches'), ...problems(401, 422) },
});

const getOne = createRoute({
  method: 'get', path: '/projects/{id}/tasks/{taskId}', tags, security, middleware: [requireUser],
  summary: 'Lire une tâche et son formulaire',
  request: { params: TaskParams },
  responses: { 200: jsonContent(TaskDetailSchema, 'La tâche'), ...problems(401, 404, 422) },
});

const complete = createRoute({
  method: 'post', path: '/projects/{id}/tasks/{taskId}/complete', tags, security, middleware: [requireUser],
  summary: 'Accomplir une tâche : { outcome, values, comment }',
  request: { params: TaskParams, headers: IdempotencyKeyHeader, body: jsonBody(TaskCompleteSchema) },
  responses: {
    200: jsonContent(TaskCompletedSchema, 'Tâche accomplie'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422, 503),
  },
});

export function taskRoutes() {
  const app = createRouter();

  app.openapi(inboxRoute, async (c) => {
    const { db, now } = c.var.deps;
    return c.json(await inbox(db, currentUser(c), c.req.valid('query'), now()), 200);
  });

  app.openapi(getOne, async (c) => {
    const { db, now } = c.var.deps;
    const user = currentUser(c);
    const { id, taskId } = c.req.valid('param');
    await assertCanSeeProject(db, user, id);
    const task = await findTask(db, id, taskId);
    if (!task) throw problem('not-found', 'Tâche introuvable.');
    return c.json(await taskDetail(db, task, await rolesOf(db, user, id), now()), 200);
  });

  app.openapi(complete, async (c) => {
    const { db, now, temporal } = c.var.deps;
    const user = currentUser(c);
    const { id, taskId } = c.req.valid('param');
    const body = c.req.valid('json');
    const task = await findTask(db, id, taskId);
    const roles = await rolesInVisibleProject(db, user, id, task !== undefined);
    if (!task) throw problem('not-found', 'Tâche introuvable.');
    const answer = await idempotent(
      db,
      { userId: user.id, key: c.req.header(IDEMPOTENCY_HEADER), method: 'POST', path: c.req.path, body },
      async () => {
        if (!temporal) throw problem('unavailable', 'Le moteur de processus (Temporal) n’est pas joignable.');
        const result = await completeTask({ client: temporal.client }, { workflowId: task.workflow_id }, {
          task: taskId,
          outcome: body.outcome,
          values: body.values ?? {},
          ...(body.comment ? { comment: body.comment } : {}),
          actor: { userId: user.id, roles },
        });
        if (!result.ok) throw refusalProblem(result.refusal);
        // The update returns once the step is written, so the read model is current, the
        // audit trail's row of the completion included (written with the step, exactly once).
        const done = await findTask(db, id, taskId);
        const detail = await taskDetail(db, done ?? task, roles, now());
        return {
          status: 200,
          body: {
            task: detail,
            project: {
              id,
              status: result.summary.status,
              phase: result.summary.phase,
              open_tasks: result.summary.tasks.map((t) => t.id),
            },
          },
        };
      },
    );
    if (answer.replayed) c.header(REPLAYED_HEADER, 'true');
    return c.json(answer.body, 200);
  });

  return app;
}
