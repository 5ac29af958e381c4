// Users of the directory, managed by federation administrators: list, read, create, update.
// Memberships are given as organization ids and replaced as a whole on update.
import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../../db/database';
import { revokeAllApiTokens } from '../../db/queries/api-tokens';
import { existingOrganizationIds } from '../../db/queries/organizations';
import { endSessionsOf } from '../../db/queries/sessions';
import { findUser, insertUser, listUsers, lockActiveAdministrators, updateUser, withMemberships } from '../../db/queries/users';
import { recordAudit } from '../audit';
import { currentUser, requireAdmin } from '../auth/middleware';
import { hashPassword } from '../auth/password';
import { problem, validationProblem } from '../errors';
import { AUTHENTICATED, jsonBody, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { IdParam, Uuid } from '../schemas/ids';
import { toUser, UserCreateSchema, UserSchema, UserUpdateSchema } from '../schemas/user';
import { isUniqueViolation } from '../unique-violation';

const tags = ['annuaire'];
const security = AUTHENTICATED;
const middleware = [requireAdmin];

const list = createRoute({
  method: 'get', path: '/users', tags, security, middleware, summary: 'Lister les utilisateurs (administrateurs)',
  request: { query: z.object({ organization_id: Uuid.optional() }) },
  responses: { 200: jsonContent(z.array(UserSchema), 'Les utilisateurs'), ...problems(401, 403, 422) },
});

const getOne = createRoute({
  method: 'get', path: '/users/{id}', tags, security, middleware, summary: 'Lire un utilisateur (administrateurs)',
  request: { params: IdParam },
  responses: { 200: jsonContent(UserSchema, 'L’utilisateur'), ...problems(401, 403, 404, 422) },
});

const create = createRoute({
  method: 'post', path: '/users', tags, security, middleware, summary: 'Créer un utilisateur (administrateurs)',
  request: { body: jsonBody(UserCreateSchema) },
  responses: { 201: jsonContent(UserSchema, 'Utilisateur créé'), ...problems(400, 401, 403, 409, 413, 415, 422) },
});

const update = createRoute({
  method: 'patch', path: '/users/{id}', tags, security, middleware, summary: 'Modifier un utilisateur (administrateurs)',
  description:
    'Un mot de passe `null` désactive le compte (plus de connexion par mot de passe). Un nouveau mot de passe ou la ' +
    'désactivation ferme les sessions du compte et révoque ses jetons d’API. Retirer le droit d’administrateur au dernier administrateur actif ' +
    '(administrateur avec un mot de passe), ou le désactiver, est refusé (409).',
  request: { params: IdParam, body: jsonBody(UserUpdateSchema) },
  responses: { 200: jsonContent(UserSchema, 'Utilisateur modifié'), ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
});

/** 422 naming each id that is not an organization (checked before anything is written). */
async function assertOrganizationsExist(db: Db, ids: string[]): Promise<void> {
  const found = await existingOrganizationIds(db, ids);
  const errors = ids.flatMap((id, index) =>
    found.has(id) ? [] : [{ code: 'unknown_organization', path: `/organization_ids/${index}`, message: `Organisation ${id} introuvable.` }],
  );
  if (errors.length > 0) throw validationProblem(errors);
}

const duplicateEmail = () => problem('conflict', 'Un compte existe déjà avec cette adresse e-mail.');

/**
 * Refuses (409) a change that would leave no active administrator (one who can sign in:
 * administrator with a password), since nobody could then manage the directory. The
 * active administrators are locked until the transaction ends, so two administrators
 * removing each other's right at the same moment cannot both succeed.
 */
async function assertAnotherActiveAdmin(trx: Db, id: string, change: { is_admin?: boolean; password?: string | null }): Promise<void> {
  const removesRight = change.is_admin === false;
  const disables = change.password === null;
  if (!removesRight && !disables) return;
  const active = await lockActiveAdministrators(trx);
  if (active.length === 1 && active[0] === id) {
    const what = removesRight ? 'retirer le droit d’administrateur au' : 'désactiver le';
    throw problem(
      'conflict',
      `Impossible de ${what} dernier administrateur actif : personne ne pourrait plus administrer Passerelle. Nommez d’abord un autre administrateur.`,
    );
  }
}
const notFound = () => problem('not-found', 'Utilisateur introuvable.');

export function userRoutes() {
  const app = createRouter();

  app.openapi(list, async (c) => {
    const { db } = c.var.deps;
    const { organization_id } = c.req.valid('query');
    return c.json((await listUsers(db, { organizationId: organization_id })).map(toUser), 200);
  });

  app.openapi(getOne, async (c) => {
    const user = await findUser(c.var.deps.db, c.req.valid('param').id);
    if (!user) throw notFound();
    return c.json(toUser(user), 200);
  });

  app.openapi(create, async (c) => {
    const { db } = c.var.deps;
    const body = c.req.valid('json');
    const organizationIds = [...new Set(body.organization_ids ?? [])];
    await assertOrganizationsExist(db, organizationIds);
    const passwordHash = body.password === undefined ? null : await hashPassword(body.password);
    try {
      const row = await db.transaction().execute(async (trx) => {
        const user = await insertUser(trx, { email: body.email, name: body.name, passwordHash, isAdmin: body.is_admin ?? false, organizationIds });
        // Names and e-mails stay out of the append-only trail: they may have to be anonymised.
        await recordAudit(trx, currentUser(c), {
          type: 'user.created', subject: user.id,
          after: { is_admin: user.is_admin, organization_ids: organizationIds, password: passwordHash !== null },
        });
        return user;
      });
      return c.json(toUser((await withMemberships(db, [row]))[0]), 201);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateEmail();
      throw error;
    }
  });

  app.openapi(update, async (c) => {
    const { db, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const before = await findUser(db, id);
    if (!before) throw notFound();
    const organizationIds = body.organization_ids === undefined ? undefined : [...new Set(body.organization_ids)];
    if (organizationIds) await assertOrganizationsExist(db, organizationIds);
    const changes = {
      ...(body.email === undefined ? {} : { email: body.email }),
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.is_admin === undefined ? {} : { is_admin: body.is_admin }),
      ...(body.password === undefined ? {} : { password_hash: body.password === null ? null : await hashPassword(body.password) }),
    };
    try {
      const row = await db.transaction().execute(async (trx) => {
        await assertAnotherActiveAdmin(trx, id, body);
        const after = await updateUser(trx, id, changes, organizationIds);
        // A new password (or none) ends every open session of the account and revokes its API
        // tokens: whoever had the old password, or a token made with it, is out.
        if (body.password !== undefined) {
          await endSessionsOf(trx, id);
          await revokeAllApiTokens(trx, id, now());
        }
        await recordAudit(trx, currentUser(c), {
          type: 'user.updated', subject: id,
          before: { is_admin: before.is_admin, organization_ids: before.organization_ids },
          after: {
            is_admin: after.is_admin,
            organization_ids: organizationIds ?? before.organization_ids,
            // Which personal fields changed, never their values (see user.created).
            changed: Object.keys(changes).map((k) => (k === 'password_hash' ? 'password' : k)),
          },
        });
        return after;
      });
      return c.json(toUser((await withMemberships(db, [row]))[0]), 200);
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateEmail();
      throw error;
    }
  });

  return app;
}
