// GET /api/me: the caller with their organizations, and the CSRF token of a cookie session.
import { createRoute } from '@hono/zod-openapi';
import type { Db } from '../../db/database';
import { listOrganizations } from '../../db/queries/organizations';
import type { CurrentUser } from '../app-env';
import { currentUser } from '../auth/middleware';
import { AUTHENTICATED, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { toOrganization } from '../schemas/organization';
import { MeSchema } from '../schemas/user';

export async function describeMe(db: Db, user: CurrentUser, csrfToken: string | null) {
  const organizations = await listOrganizations(db, { ids: user.organizationIds });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    is_admin: user.isAdmin,
    organizations: organizations.map(toOrganization),
    csrf_token: csrfToken,
  };
}

const getMe = createRoute({
  method: 'get',
  path: '/me',
  tags: ['compte'],
  summary: 'Utilisateur connecté',
  security: AUTHENTICATED,
  responses: { 200: jsonContent(MeSchema, 'L’utilisateur connecté'), ...problems(401) },
});

export function meRoutes() {
  const app = createRouter();
  app.openapi(getMe, async (c) => {
    const user = currentUser(c);
    const auth = c.var.auth;
    return c.json(await describeMe(c.var.deps.db, user, auth?.kind === 'session' ? auth.csrfToken : null), 200);
  });
  return app;
}
