// GET /api/dashboard: the portfolio over the projects the caller may see (administrators:
// all), optionally for one académie. What it counts and how is db/queries/dashboard.ts.
import { createRoute, z } from '@hono/zod-openapi';
import { dashboard } from '../../db/queries/dashboard';
import { currentUser, requireUser } from '../auth/middleware';
import { AUTHENTICATED, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { Timestamp, Uuid } from '../schemas/ids';

const DashboardQuery = z.object({ academie: z.string().min(1).max(100).optional() });

const PhaseCount = z.object({
  phase: z.string().nullable(),
  /** The phase's label in the definitions whose projects are in it (the first by key, newest version, that labels it), else its key. */
  label: z.string().nullable(),
  count: z.number().int(),
});
const AcademieCount = z.object({ academie: z.string().nullable(), count: z.number().int() });

const DashboardSchema = z
  .object({
    total: z.number().int(),
    by_status: z.object({ running: z.number().int(), blocked: z.number().int(), completed: z.number().int(), abandoned: z.number().int() }),
    /** Running projects only: a finished project stays in its last phase forever. */
    by_phase: z.array(PhaseCount),
    by_academie: z.array(AcademieCount),
    overdue: z.object({ projects: z.number().int(), tasks: z.number().int() }),
    due_soon: z.object({ days: z.number().int(), projects: z.number().int(), tasks: z.number().int() }),
    /** Overdue and soon-due open tasks, soonest first. */
    upcoming: z.array(
      z.object({
        project_id: Uuid,
        project_title: z.string(),
        academie: z.string().nullable(),
        task_id: z.string(),
        label: z.string().nullable(),
        assignee: z.string(),
        due_at: Timestamp,
        overdue: z.boolean(),
      }),
    ),
  })
  .openapi('Dashboard');

const route = createRoute({
  method: 'get', path: '/dashboard', tags: ['tableau de bord'], security: AUTHENTICATED, middleware: [requireUser],
  summary: 'Tableau de bord : projets par phase, statut et académie ; tâches en retard ou à échéance sous 14 jours',
  request: { query: DashboardQuery },
  responses: { 200: jsonContent(DashboardSchema, 'Les compteurs'), ...problems(401, 422) },
});

export function dashboardRoutes() {
  const app = createRouter();
  app.openapi(route, async (c) => {
    const { db, now } = c.var.deps;
    return c.json(await dashboard(db, currentUser(c), c.req.valid('query').academie, now()), 200);
  });
  return app;
}
