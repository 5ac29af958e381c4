// API tokens of the caller: list, create (the secret is shown once), revoke. A user only
// ever sees and revokes their own; another user's token id answers 404. Administrators also
// list and revoke anyone's tokens under /users/{id}/tokens (a leaked token, a departure).
import { createRoute, z } from '@hono/zod-openapi';
import { listApiTokens, revokeApiToken } from '../../db/queries/api-tokens';
import { userExists } from '../../db/queries/users';
import { recordAudit } from '../audit';
import { createApiToken } from '../auth/api-tokens';
import { currentUser, requireAdmin, requireUser } from '../auth/middleware';
import { problem } from '../errors';
import { AUTHENTICATED, jsonBody, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { IdParam, Timestamp, Uuid, iso, isoOrNull } from '../schemas/ids';
import { singleLine } from '../schemas/text';

const UserTokenParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
  tokenId: Uuid.openapi({ param: { name: 'tokenId', in: 'path' } }),
});

const TokenSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    created_at: Timestamp,
    last_used_at: Timestamp.nullable(),
    revoked_at: Timestamp.nullable(),
  })
  .openapi('ApiToken');

const CreatedTokenSchema = TokenSchema.extend({
  token: z.string().openapi({ description: 'Le secret, affiché une seule fois : Authorization: Bearer <token>' }),
}).openapi('CreatedApiToken');

const TokenCreateSchema = z.strictObject({ name: singleLine(100) }).openapi('ApiTokenCreate');

const list = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['compte'],
  summary: 'Mes jetons d’API',
  security: AUTHENTICATED,
  middleware: [requireUser],
  responses: { 200: jsonContent(z.array(TokenSchema), 'Les jetons, révoqués compris'), ...problems(401) },
});

const create = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['compte'],
  summary: 'Créer un jeton d’API',
  security: AUTHENTICATED,
  middleware: [requireUser],
  request: { body: jsonBody(TokenCreateSchema) },
  responses: { 201: jsonContent(CreatedTokenSchema, 'Jeton créé'), ...problems(400, 401, 403, 413, 415, 422) },
});

const revoke = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['compte'],
  summary: 'Révoquer un de mes jetons',
  security: AUTHENTICATED,
  middleware: [requireUser],
  request: { params: IdParam },
  responses: { 204: { description: 'Jeton révoqué' }, ...problems(401, 403, 404, 422) },
});

const listForUser = createRoute({
  method: 'get',
  path: '/users/{id}/tokens',
  tags: ['annuaire'],
  summary: 'Jetons d’API d’un utilisateur (administrateurs)',
  security: AUTHENTICATED,
  middleware: [requireAdmin],
  request: { params: IdParam },
  responses: { 200: jsonContent(z.array(TokenSchema), 'Les jetons, révoqués compris'), ...problems(401, 403, 404, 422) },
});

const revokeForUser = createRoute({
  method: 'delete',
  path: '/users/{id}/tokens/{tokenId}',
  tags: ['annuaire'],
  summary: 'Révoquer un jeton d’API d’un utilisateur (administrateurs)',
  security: AUTHENTICATED,
  middleware: [requireAdmin],
  request: { params: UserTokenParams },
  responses: { 204: { description: 'Jeton révoqué' }, ...problems(401, 403, 404, 422) },
});

type TokenRow = { id: string; name: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };
const toToken = (row: TokenRow) => ({
  id: row.id,
  name: row.name,
  created_at: iso(row.created_at),
  last_used_at: isoOrNull(row.last_used_at),
  revoked_at: isoOrNull(row.revoked_at),
});

export function tokenRoutes() {
  const app = createRouter();

  app.openapi(list, async (c) => {
    const rows = await listApiTokens(c.var.deps.db, currentUser(c).id);
    return c.json(rows.map(toToken), 200);
  });

  app.openapi(create, async (c) => {
    const { name } = c.req.valid('json');
    const user = currentUser(c);
    const created = await c.var.deps.db.transaction().execute(async (trx) => {
      const token = await createApiToken(trx, user.id, name);
      await recordAudit(trx, user, { type: 'token.created', subject: token.id, after: { name } });
      return token;
    });
    return c.json({ ...toToken(created), token: created.token }, 201);
  });

  app.openapi(revoke, async (c) => {
    const { id } = c.req.valid('param');
    const { db, now } = c.var.deps;
    const user = currentUser(c);
    await db.transaction().execute(async (trx) => {
      if (!(await revokeApiToken(trx, user.id, id, now()))) throw problem('not-found', 'Jeton introuvable ou déjà révoqué.');
      await recordAudit(trx, user, { type: 'token.revoked', subject: id, before: { revoked: false }, after: { revoked: true } });
    });
    return c.body(null, 204);
  });

  app.openapi(listForUser, async (c) => {
    const { db } = c.var.deps;
    const { id } = c.req.valid('param');
    if (!(await userExists(db, id))) throw problem('not-found', 'Utilisateur introuvable.');
    return c.json((await listApiTokens(db, id)).map(toToken), 200);
  });

  app.openapi(revokeForUser, async (c) => {
    const { id, tokenId } = c.req.valid('param');
    const { db, now } = c.var.deps;
    if (!(await revokeApiToken(db, id, tokenId, now()))) throw problem('not-found', 'Jeton introuvable ou déjà révoqué.');
    return c.body(null, 204);
  });

  return app;
}
