// The audit trail, read-only: administrators read and export all of it, anyone who sees a
// project reads that project's. There is no route to change or delete a row.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { assertCanSeeProject } from '../access';
import type { AppEnv } from '../app-env';
import { allAudit, auditCsv, listAudit, type AuditFilters } from '../audit';
import { currentUser, requireAdmin, requireUser } from '../auth/middleware';
import { AUTHENTICATED, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { AuditPageSchema, AuditQuery, ProjectAuditQuery } from '../schemas/audit';
import { IdParam } from '../schemas/ids';

const tags = ['historique'];
const security = AUTHENTICATED;

const pageOrCsv = (description: string) => ({
  description,
  content: {
    'application/json': { schema: AuditPageSchema },
    'text/csv': { schema: z.string().openapi({ description: 'UTF-8 avec BOM, séparateur « ; »' }) },
  },
});

const all = createRoute({
  method: 'get', path: '/audit', tags, security, middleware: [requireAdmin],
  summary: 'Historique des décisions (administrateurs) : filtres, pagination, export CSV',
  request: { query: AuditQuery },
  responses: { 200: pageOrCsv('Une page de l’historique, les plus récentes d’abord, ou tout en CSV'), ...problems(401, 403, 422) },
});

const ofProject = createRoute({
  method: 'get', path: '/projects/{id}/audit', tags, security, middleware: [requireUser],
  summary: 'Historique des décisions d’un projet',
  request: { params: IdParam, query: ProjectAuditQuery },
  responses: { 200: pageOrCsv('Une page de l’historique du projet, ou tout en CSV'), ...problems(401, 404, 422) },
});

const wantsCsv = (c: Context<AppEnv>, format: string | undefined) =>
  format === 'csv' || (format === undefined && (c.req.header('accept') ?? '').includes('text/csv'));

async function answer(c: Context<AppEnv>, filters: AuditFilters & { format?: string }, fileName: string) {
  const { db } = c.var.deps;
  const { format, ...rest } = filters;
  if (wantsCsv(c, format)) {
    const { limit: _limit, cursor: _cursor, ...unpaged } = rest;
    return c.body(auditCsv(await allAudit(db, unpaged)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
    });
  }
  return c.json(await listAudit(db, rest), 200);
}

export function auditRoutes() {
  const app = createRouter();
  app.openapi(all, (c) => answer(c, c.req.valid('query'), 'historique.csv') as never);
  app.openapi(ofProject, async (c) => {
    const { id } = c.req.valid('param');
    await assertCanSeeProject(c.var.deps.db, currentUser(c), id);
    return answer(c, { ...c.req.valid('query'), project_id: id }, `historique-${id}.csv`) as never;
  });
  return app;
}
