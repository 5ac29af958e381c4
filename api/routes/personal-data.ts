// Personal data: a user downloads what Passerelle holds about them; an administrator
// anonymises a departed user (see db/queries/personal-data.ts for what that keeps and replaces).
import { createRoute, z } from '@hono/zod-openapi';
import { anonymiseUser, exportPersonalData, lockAccount } from '../../db/queries/personal-data';
import { recordAudit } from '../audit';
import { currentUser, requireAdmin, requireUser } from '../auth/middleware';
import { problem } from '../errors';
import { AUTHENTICATED, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { IdParam, Timestamp, Uuid } from '../schemas/ids';

const Json = z.record(z.string(), z.unknown());

const PersonalDataSchema = z
  .object({
    exported_at: Timestamp,
    account: z.object({
      id: Uuid, email: z.string(), name: z.string(), is_admin: z.boolean(), created_at: Timestamp, anonymised_at: Timestamp.nullable(),
    }),
    memberships: z.array(z.object({ organization_id: Uuid, name: z.string(), kind: z.string(), since: Timestamp })),
    tasks_done: z.array(
      z.object({
        project_id: Uuid, project_title: z.string(), task_id: z.string(), label: z.string().nullable(),
        outcome: z.string().nullable(), values: Json.nullable(), closed_at: Timestamp.nullable(),
      }),
    ),
    comments: z.array(z.object({ project_id: Uuid, task_id: z.string(), comment: z.string(), at: Timestamp.nullable() })),
    audit: z.array(
      z.object({
        id: Uuid, at: Timestamp, type: z.string(), organization_id: Uuid.nullable(), project_id: Uuid.nullable(),
        subject: z.string().nullable(), before: Json.nullable(), after: Json.nullable(),
      }),
    ),
    tokens: z.array(
      z.object({ id: Uuid, name: z.string(), created_at: Timestamp, last_used_at: Timestamp.nullable(), revoked_at: Timestamp.nullable() }),
    ),
    sessions: z.array(z.object({ created_at: Timestamp, expires_at: Timestamp })),
  })
  .openapi('PersonalData');

const AnonymisedSchema = z
  .object({ id: Uuid, name: z.string(), email: z.string(), tokens_revoked: z.number().int(), sessions_ended: z.number().int() })
  .openapi('Anonymised');

const exportRoute = createRoute({
  method: 'get', path: '/me/export', tags: ['compte'], security: AUTHENTICATED, middleware: [requireUser],
  summary: 'Télécharger mes données : compte, organisations, tâches accomplies, commentaires, historique, jetons',
  responses: { 200: jsonContent(PersonalDataSchema, 'Tout ce que Passerelle garde sur moi (pièce jointe JSON)'), ...problems(401) },
});

const anonymiseRoute = createRoute({
  method: 'post', path: '/users/{id}/anonymise', tags: ['annuaire'], security: AUTHENTICATED, middleware: [requireAdmin],
  summary: 'Anonymiser un utilisateur parti (administrateurs) : pseudonyme, compte désactivé, sessions et jetons révoqués',
  request: { params: IdParam },
  responses: { 200: jsonContent(AnonymisedSchema, 'Utilisateur anonymisé'), ...problems(401, 403, 404, 409, 422) },
});

export function personalDataRoutes() {
  const app = createRouter();

  app.openapi(exportRoute, async (c) => {
    const { db, now } = c.var.deps;
    const user = currentUser(c);
    c.header('content-disposition', `attachment; filename="passerelle-mes-donnees-${user.id}.json"`);
    return c.json(await exportPersonalData(db, user.id, now()), 200);
  });

  app.openapi(anonymiseRoute, async (c) => {
    const { db, now } = c.var.deps;
    const admin = currentUser(c);
    const { id } = c.req.valid('param');
    if (id === admin.id) throw problem('conflict', 'Vous ne pouvez pas anonymiser votre propre compte.');
    const answer = await db.transaction().execute(async (trx) => {
      // Locked, so two administrators anonymising at once write one audit row, not two.
      const user = await lockAccount(trx, id);
      if (!user) throw problem('not-found', 'Utilisateur introuvable.');
      if (user.anonymised_at !== null) throw problem('conflict', 'Cet utilisateur est déjà anonymisé.');
      const done = await anonymiseUser(trx, id, now());
      await recordAudit(trx, admin, {
        type: 'user.anonymised', subject: id,
        before: { is_admin: user.is_admin, organization_ids: done.organization_ids, anonymised: false },
        after: { is_admin: false, organization_ids: [], anonymised: true, tokens_revoked: done.tokens_revoked, sessions_ended: done.sessions_ended },
      });
      return { ...done.account, tokens_revoked: done.tokens_revoked, sessions_ended: done.sessions_ended };
    });
    return c.json(answer, 200);
  });

  return app;
}
