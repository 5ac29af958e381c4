// Probes for process managers and load balancers, outside /api and without authentication.
// /healthz: every check the start script injected (Temporal, database, worker) must pass.
// /readyz: the same checks plus a query on this app's own database connection, so a
// replica that lost its pool stops receiving traffic. Both: 200 when all true, else 503.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppEnv } from '../app-env';
import { createRouter } from '../router';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'fail']),
    checks: z.record(z.string(), z.boolean()),
  })
  .openapi('Health');

const responses = {
  200: { description: 'Tout fonctionne', content: { 'application/json': { schema: HealthSchema } } },
  503: { description: 'Au moins une vérification échoue', content: { 'application/json': { schema: HealthSchema } } },
};

const healthz = createRoute({ method: 'get', path: '/healthz', tags: ['santé'], summary: 'État de santé', responses });
const readyz = createRoute({ method: 'get', path: '/readyz', tags: ['santé'], summary: 'Prêt à servir', responses });

async function safely(run: () => Promise<Record<string, boolean>>, name: string): Promise<Record<string, boolean>> {
  try {
    return await run();
  } catch {
    return { [name]: false };
  }
}

export function healthRoutes(): OpenAPIHono<AppEnv> {
  const app = createRouter();

  const answer = (checks: Record<string, boolean>) => {
    const ok = Object.values(checks).every(Boolean);
    return { body: { status: ok ? ('ok' as const) : ('fail' as const), checks }, status: ok ? (200 as const) : (503 as const) };
  };

  app.openapi(healthz, async (c) => {
    const { health } = c.var.deps;
    const checks = health ? await safely(health, 'health') : {};
    const { body, status } = answer(checks);
    return c.json(body, status);
  });

  app.openapi(readyz, async (c) => {
    const { health, db } = c.var.deps;
    const [injected, database] = await Promise.all([
      health ? safely(health, 'health') : Promise.resolve({}),
      safely(async () => {
        await sql`select 1`.execute(db);
        return { api_database: true };
      }, 'api_database'),
    ]);
    const { body, status } = answer({ ...injected, ...database });
    return c.json(body, status);
  });

  return app;
}
