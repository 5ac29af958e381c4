// Process definitions: every signed-in user reads them, validates and simulates documents;
// federation administrators save drafts and publish versions. A published version is an
// immutable row; projects run the version they started with. Validating and simulating
// cost CPU for anyone signed in, so each user has a rate of them (rate-limit.ts), their
// bodies are capped at 256 KB and a simulation stops after one second of computation.
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import {
  findDefinition,
  findVersion,
  latestPublished,
  listDefinitions,
  publishDraft,
  saveDraft,
  type PublishRefusal,
} from '../../db/queries/definitions';
import { Definition } from '../../dsl/schema';
import { ScriptError, simulate } from '../../dsl/simulator';
import { validate, validateForKey } from '../../dsl/validate';
import { recordAudit } from '../audit';
import type { AppEnv } from '../app-env';
import { currentUser, requireAdmin, requireUser } from '../auth/middleware';
import { problem } from '../errors';
import { AUTHENTICATED, jsonBody, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { iso, isoOrNull } from '../schemas/ids';
import {
  DefinitionSchema,
  DefinitionSummarySchema,
  DocumentSchema,
  DraftSavedSchema,
  KeyParam,
  PublishedSchema,
  SimulateRequestSchema,
  SimulationSchema,
  ValidationSchema,
  VersionParam,
  VersionSchema,
} from '../schemas/definition';

const tags = ['définitions'];
const security = AUTHENTICATED;

/** A document to validate or simulate: the largest shipped template is about 40 KB. */
export const MAX_CHECKED_BYTES = 256 * 1024;
/** Computation one simulation may take before it stops with result `limit`. */
export const SIMULATION_BUDGET_MS = 1_000;

/** Route middleware: one call of the caller's bucket of definition checks, or 429. */
const limitDefinitionChecks = createMiddleware<AppEnv>(async (c, next) => {
  const user = currentUser(c);
  const waitMs = c.var.definitionChecks.take(user.id, c.var.deps.now());
  if (waitMs !== undefined) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw problem(
      'too-many-requests',
      `Trop de validations ou de simulations en peu de temps. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
      { retry_after: seconds },
      { 'Retry-After': String(seconds) },
    );
  }
  return next();
});

const CHECK_LIMITS = 'Limité par utilisateur (429 et Retry-After au-delà de 10 appels d’affilée, puis un toutes les 2 secondes) ; corps de 256 Ko au plus (413).';
const checkMiddleware = [
  requireUser,
  limitDefinitionChecks,
  bodyLimit({
    maxSize: MAX_CHECKED_BYTES,
    onError: () => {
      throw problem('payload-too-large', 'Le document dépasse 256 Ko.');
    },
  }),
];
const checkProblems = {
  ...problems(400, 401, 403, 415, 422, 429),
  413: { ...problems(413)[413], description: 'Corps de requête supérieur à 256 Ko' },
};

const list = createRoute({
  method: 'get', path: '/definitions', tags, security, middleware: [requireUser], summary: 'Lister les définitions',
  responses: { 200: jsonContent(z.array(DefinitionSummarySchema), 'Les définitions'), ...problems(401) },
});

const getOne = createRoute({
  method: 'get', path: '/definitions/{key}', tags, security, middleware: [requireUser], summary: 'Lire une définition et ses versions',
  request: { params: KeyParam },
  responses: { 200: jsonContent(DefinitionSchema, 'La définition'), ...problems(401, 404, 422) },
});

const putDraft = createRoute({
  method: 'put', path: '/definitions/{key}/draft', tags, security, middleware: [requireAdmin],
  summary: 'Enregistrer le brouillon (tout document ; la réponse donne sa validation)',
  request: { params: KeyParam, body: jsonBody(DocumentSchema) },
  responses: { 200: jsonContent(DraftSavedSchema, 'Brouillon enregistré'), ...problems(400, 401, 403, 413, 415, 422) },
});

const validateRoute = createRoute({
  method: 'post', path: '/definitions/validate', tags, security, middleware: checkMiddleware, summary: 'Valider un document',
  description: CHECK_LIMITS,
  request: { body: jsonBody(DocumentSchema) },
  responses: { 200: jsonContent(ValidationSchema, 'Le résultat de la validation'), ...checkProblems },
});

const publish = createRoute({
  method: 'post', path: '/definitions/{key}/publish', tags, security, middleware: [requireAdmin],
  summary: 'Publier le brouillon comme nouvelle version',
  request: { params: KeyParam },
  responses: {
    201: jsonContent(PublishedSchema, 'Version publiée'),
    ...problems(401, 403, 404, 422),
  },
});

const getVersion = createRoute({
  method: 'get', path: '/definitions/{key}/versions/{version}', tags, security, middleware: [requireUser],
  summary: 'Lire une version publiée',
  request: { params: VersionParam },
  responses: { 200: jsonContent(VersionSchema, 'La version'), ...problems(401, 404, 422) },
});

const simulateRoute = createRoute({
  method: 'post', path: '/definitions/simulate', tags, security, middleware: checkMiddleware,
  summary: 'Simuler un document avec un scénario (horloge virtuelle)',
  description: `${CHECK_LIMITS} La simulation s’arrête avec le résultat \`limit\` après 10 000 événements ou une seconde de calcul.`,
  request: { body: jsonBody(SimulateRequestSchema) },
  responses: { 200: jsonContent(SimulationSchema, 'La chronologie projetée'), ...checkProblems },
});

type VersionRow = { key: string; version: number; document: unknown; published_at: Date; published_by: string | null; published_by_name: string | null };
const toVersion = (row: VersionRow) => ({
  key: row.key,
  version: row.version,
  document: row.document,
  published_at: iso(row.published_at),
  published_by: row.published_by,
  published_by_name: row.published_by_name,
});

/** 404 without a draft; 422 with the findings of an invalid one. */
function publishRefusalProblem(refused: PublishRefusal) {
  if (refused.refusal === 'no-draft') return problem('not-found', 'Aucun brouillon à publier pour cette définition.');
  return problem('invalid-definition', 'Le brouillon ne peut pas être publié tant qu’il contient des erreurs.', {
    errors: refused.errors,
    warnings: refused.warnings,
  });
}

export function definitionRoutes() {
  const app = createRouter();

  app.openapi(list, async (c) => {
    const rows = await listDefinitions(c.var.deps.db);
    return c.json(
      rows.map((r) => ({
        key: r.key,
        name: r.name,
        draft_updated_at: isoOrNull(r.draft_updated_at),
        latest_version: r.latest_version === null ? null : Number(r.latest_version),
        latest_published_at: r.latest_published_at === null ? null : iso(new Date(r.latest_published_at)),
      })),
      200,
    );
  });

  app.openapi(getOne, async (c) => {
    const found = await findDefinition(c.var.deps.db, c.req.valid('param').key);
    if (!found) throw problem('not-found', 'Définition introuvable.');
    return c.json(
      {
        key: found.key,
        name: found.name,
        draft: found.draft,
        draft_updated_at: isoOrNull(found.draft_updated_at),
        created_at: iso(found.created_at),
        versions: found.versions.map((v) => ({ version: v.version, published_at: iso(v.published_at), published_by: v.published_by, published_by_name: v.published_by_name })),
      },
      200,
    );
  });

  app.openapi(putDraft, async (c) => {
    const { db, now } = c.var.deps;
    const { key } = c.req.valid('param');
    const draft = c.req.valid('json');
    const at = now();
    await saveDraft(db, key, draft, currentUser(c).id, at);
    return c.json({ key, draft, draft_updated_at: iso(at), validation: validateForKey(draft, key) }, 200);
  });

  app.openapi(validateRoute, (c) => c.json(validate(c.req.valid('json')), 200));

  app.openapi(publish, async (c) => {
    const { db, now } = c.var.deps;
    const user = currentUser(c);
    const published = await publishDraft(db, c.req.valid('param').key, user.id, now(), (trx, version) =>
      recordAudit(trx, user, {
        type: 'definition.published',
        subject: `${version.key}@${version.version}`,
        before: version.version > 1 ? { version: version.version - 1 } : null,
        after: { key: version.key, version: version.version },
      }),
    );
    if (!published.ok) throw publishRefusalProblem(published);
    return c.json({ ...toVersion(published.row), warnings: published.warnings }, 201);
  });

  app.openapi(getVersion, async (c) => {
    const { key, version } = c.req.valid('param');
    const row = await findVersion(c.var.deps.db, key, version);
    if (!row) throw problem('not-found', 'Version introuvable.');
    return c.json(toVersion(row), 200);
  });

  app.openapi(simulateRoute, async (c) => {
    const { db, now } = c.var.deps;
    const body = c.req.valid('json');
    const validation = validate(body.definition);
    if (!validation.valid) {
      throw problem('invalid-definition', 'Le document contient des erreurs ; il ne peut pas être simulé.', {
        errors: validation.errors.map((e) => ({ ...e, path: `/definition${e.path}` })),
        warnings: validation.warnings,
      });
    }
    const definition = Definition.parse(body.definition);
    const children = await latestPublished(db);
    const start = body.start ? Date.parse(body.start) : now().getTime();
    const deadline = performance.now() + SIMULATION_BUDGET_MS;
    const shouldStop = () => performance.now() > deadline;
    try {
      return c.json(simulate({ definition, script: body.script, start, shouldStop, children: (key) => children.get(key) }), 200);
    } catch (error) {
      if (error instanceof ScriptError) {
        throw problem('script-refused', error.message, { refusal: error.refusal, where: error.where });
      }
      throw error;
    }
  });

  return app;
}
