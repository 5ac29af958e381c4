// Organizations: federation administrators list, create and update them all; other users
// list and read only their own (nothing hints at other organizations).
import { createRoute, z } from '@hono/zod-openapi';
import { findOrganization, insertOrganization, listOrganizations, updateOrganization } from '../../db/queries/organizations';
import type { OrganizationKind as Kind } from '../../db/tables/organization';
import { recordAudit } from '../audit';
import { currentUser, requireAdmin, requireUser } from '../auth/middleware';
import { problem, validationProblem } from '../errors';
import { AUTHENTICATED, jsonBody, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { isUniqueViolation } from '../unique-violation';
import { IdParam } from '../schemas/ids';
import {
  KINDS_WITH_ACADEMIE,
  OrganizationCreateSchema,
  OrganizationKind,
  OrganizationSchema,
  OrganizationUpdateSchema,
  toOrganization,
} from '../schemas/organization';

const ListQuery = z.object({
  kind: OrganizationKind.optional(),
  academie: z.string().max(100).optional(),
});

const tags = ['annuaire'];
const security = AUTHENTICATED;

const list = createRoute({
  method: 'get', path: '/organizations', tags, security, summary: 'Lister les organisations',
  middleware: [requireUser],
  request: { query: ListQuery },
  responses: { 200: jsonContent(z.array(OrganizationSchema), 'Les organisations visibles'), ...problems(401, 422) },
});

const getOne = createRoute({
  method: 'get', path: '/organizations/{id}', tags, security, summary: 'Lire une organisation',
  middleware: [requireUser],
  request: { params: IdParam },
  responses: { 200: jsonContent(OrganizationSchema, 'L’organisation'), ...problems(401, 404, 422) },
});

const create = createRoute({
  method: 'post', path: '/organizations', tags, security, summary: 'Créer une organisation (administrateurs)',
  middleware: [requireAdmin],
  request: { body: jsonBody(OrganizationCreateSchema) },
  responses: { 201: jsonContent(OrganizationSchema, 'Organisation créée'), ...problems(400, 401, 403, 409, 413, 415, 422) },
});

const update = createRoute({
  method: 'patch', path: '/organizations/{id}', tags, security, summary: 'Modifier une organisation (administrateurs)',
  middleware: [requireAdmin],
  request: { params: IdParam, body: jsonBody(OrganizationUpdateSchema) },
  responses: { 200: jsonContent(OrganizationSchema, 'Organisation modifiée'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
});

function assertAcademie(kind: Kind, academie: string | null | undefined): void {
  if (KINDS_WITH_ACADEMIE.includes(kind) && !academie) {
    throw validationProblem([
      { code: 'academie_required', path: '/academie', message: 'Une association ou une académie doit indiquer son académie.' },
    ]);
  }
}

const duplicateName = () => problem('conflict', 'Une organisation porte déjà ce nom.');

const auditedOrganization = (o: { name: string; kind: string; academie: string | null; region: string | null }) => ({
  name: o.name, kind: o.kind, academie: o.academie, region: o.region,
});

export function organizationRoutes() {
  const app = createRouter();

  app.openapi(list, async (c) => {
    const user = currentUser(c);
    const { kind, academie } = c.req.valid('query');
    const rows = await listOrganizations(c.var.deps.db, { ...(user.isAdmin ? {} : { ids: user.organizationIds }), kind, academie });
    return c.json(rows.map(toOrganization), 200);
  });

  app.openapi(getOne, async (c) => {
    const user = currentUser(c);
    const { id } = c.req.valid('param');
    const row = user.isAdmin || user.organizationIds.includes(id) ? await findOrganization(c.var.deps.db, id) : undefined;
    if (!row) throw problem('not-found', 'Organisation introuvable.');
    return c.json(toOrganization(row), 200);
  });

  app.openapi(create, async (c) => {
    const body = c.req.valid('json');
    assertAcademie(body.kind, body.academie);
    try {
      const row = await c.var.deps.db.transaction().execute(async (trx) => {
        const created = await insertOrganization(trx, { name: body.name, kind: body.kind, academie: body.academie ?? null, region: body.region ?? null });
        await recordAudit(trx, currentUser(c), { type: 'organization.created', subject: created.id, after: auditedOrganization(created) });
        return created;
      });
      return c.json(toOrganization(row), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
  });

  app.openapi(update, async (c) => {
    const { db } = c.var.deps;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const existing = await findOrganization(db, id);
    if (!existing) throw problem('not-found', 'Organisation introuvable.');
    assertAcademie(body.kind ?? existing.kind, body.academie === undefined ? existing.academie : body.academie);
    const changes = {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.kind === undefined ? {} : { kind: body.kind }),
      ...(body.academie === undefined ? {} : { academie: body.academie }),
      ...(body.region === undefined ? {} : { region: body.region }),
    };
    // An empty patch is valid and changes nothing; UPDATE … SET with no column is not SQL.
    if (Object.keys(changes).length === 0) return c.json(toOrganization(existing), 200);
    try {
      const row = await db.transaction().execute(async (trx) => {
        const updated = await updateOrganization(trx, id, changes);
        if (updated) {
          await recordAudit(trx, currentUser(c), {
            type: 'organization.updated', subject: id, before: auditedOrganization(existing), after: auditedOrganization(updated),
          });
        }
        return updated;
      });
      if (!row) throw problem('not-found', 'Organisation introuvable.');
      return c.json(toOrganization(row), 200);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
  });

  return app;
}
