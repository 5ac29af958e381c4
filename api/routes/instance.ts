// GET /api/instance: what the sign-in page may say before anyone signs in. On the embedded
// demonstration (deps.demo), the demo accounts and their public password, so a first-time
// visitor knows how to get in; elsewhere nothing.
import { createRoute, z } from '@hono/zod-openapi';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD, DEMO_USERS } from '../seed/demo-directory';
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
  app.openapi(instance, (c) => {
    if (!c.var.deps.demo) return c.json({ demo: null }, 200);
    const accounts = Object.values(DEMO_USERS).map((u) => ({ email: u.email, name: u.name, organization: DEMO_ORGANIZATIONS[u.organization].name }));
    return c.json({ demo: { password: DEMO_PASSWORD, accounts } }, 200);
  });
  return app;
}
