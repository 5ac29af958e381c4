// GET /api/instance: what the sign-in page may say before anyone signs in. On the embedded
// demonstration, the demo accounts and their public password (deps.demo, given by the start
// script), so a first-time visitor knows how to get in; elsewhere nothing.
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../router';

const InstanceSchema = z
  .object({
    demo: z
      .object({
        password: z.string(),
        accounts: z.array(z.object({ email: z.string(), name: z.string(), organization: z.string() })),
      })
      .nullable(),
  })
  .openapi('Instance');

const instance = createRoute({
  method: 'get', path: '/instance', tags: ['compte'], summary: 'Informations publiques de l’instance (comptes de démonstration)',
  responses: { 200: { description: 'L’instance', content: { 'application/json': { schema: InstanceSchema } } } },
});

export function instanceRoutes() {
  const app = createRouter();
  app.openapi(instance, (c) => c.json({ demo: c.var.deps.demo ?? null }, 200));
  return app;
}
