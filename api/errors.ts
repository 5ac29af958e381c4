// The one error type of the API and the handlers that turn every failure into
// application/problem+json (RFC 9457). Problem types are stable URLs
// `https://passerelle.dev/problems/<slug>`: clients branch on `type`, people read `title`
// (French). Validation problems add `errors: [{ code, path, message }]`, where `path` is a
// JSON pointer as in the process-language validator: into the JSON body ("/email",
// "/organization_ids/0"), or into the other parts of the request as "/query/<name>",
// "/params/<name>", "/headers/<name>".
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import { isControlCharacterIssue } from './schemas/text';
import { InvalidCursorError } from '../db/pagination';
import { pointer, type Problem } from '../dsl/problems';
import { findUnstorableJson } from './storable-json';
import { unreachableDependency } from './unavailable';

export const PROBLEM_BASE = 'https://passerelle.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One validation finding: the process-language validator's own type. */
export type ProblemItem = Problem;

/** Every problem the API can answer, by slug: its HTTP status and French title. */
export const PROBLEMS = {
  'malformed-request': { status: 400, title: 'Requête mal formée' },
  unauthenticated: { status: 401, title: 'Authentification requise' },
  'invalid-credentials': { status: 401, title: 'Identifiants incorrects' },
  forbidden: { status: 403, title: 'Action non autorisée' },
  'csrf-failed': { status: 403, title: 'Jeton CSRF manquant ou invalide' },
  'not-found': { status: 404, title: 'Ressource introuvable' },
  'method-not-allowed': { status: 405, title: 'Méthode non autorisée' },
  conflict: { status: 409, title: 'Conflit avec l’état actuel' },
  'payload-too-large': { status: 413, title: 'Corps de requête trop volumineux' },
  'unsupported-media-type': { status: 415, title: 'Type de contenu non pris en charge' },
  validation: { status: 422, title: 'Données invalides' },
  'invalid-definition': { status: 422, title: 'Définition de processus invalide' },
  'script-refused': { status: 422, title: 'Scénario de simulation refusé' },
  'too-many-requests': { status: 429, title: 'Trop de tentatives, réessayez plus tard' },
  internal: { status: 500, title: 'Erreur interne' },
  unavailable: { status: 503, title: 'Service indisponible' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemSlug = keyof typeof PROBLEMS;

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
  }
}

/** The usual way to raise a problem: by slug, so status, type and title stay consistent. */
export function problem(
  slug: ProblemSlug,
  detail?: string,
  extra?: Record<string, unknown>,
  headers?: Record<string, string>,
): ApiError {
  const { status, title } = PROBLEMS[slug];
  return new ApiError(status, PROBLEM_BASE + slug, title, detail, extra, headers);
}

export function problemResponse(c: Context, error: ApiError): Response {
  const body = {
    type: error.type,
    title: error.title,
    status: error.status,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    instance: c.req.path,
    ...error.extra,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...error.headers },
  });
}

/**
 * zod issues as `{ code, path, message }`, the path a JSON pointer below `prefix`. A query,
 * path or header parameter is named as the caller wrote it ("limit doit être un entier").
 */
export function zodProblemItems(error: ZodError, prefix = '', parameters = false): ProblemItem[] {
  return error.issues.map((issue) => {
    const path = prefix + pointer(...issue.path.map(String));
    if (isControlCharacterIssue(issue as { code: string })) {
      const message = `Le champ « ${path} » contient un retour à la ligne, un autre caractère de contrôle ou un caractère qui inverse le sens du texte : ils ne sont pas permis.`;
      return { code: 'control_character', path, message };
    }
    const message = parameters && issue.path.length > 0 ? parameterMessage(issue, issue.path.map(String).join('.')) : frenchMessage(issue, path);
    return { code: issue.code, path, message };
  });
}

// zod's own messages are English; people read French, so the message is built from the code.
function frenchMessage(issue: ZodError['issues'][number], path: string): string {
  const subject = path === '' ? 'Le corps de la requête' : `Le champ « ${path} »`;
  switch (issue.code) {
    case 'invalid_type':
      return `${subject} est absent ou n’a pas le bon type.`;
    case 'too_small':
      return `${subject} est trop court ou trop petit.`;
    case 'too_big':
      return `${subject} est trop long ou trop grand.`;
    case 'invalid_format':
      return `${subject} n’a pas le format attendu.`;
    case 'invalid_value':
      return `${subject} n’a pas une valeur autorisée.`;
    case 'unrecognized_keys':
      return `${subject} contient des champs inconnus : ${issue.keys.slice(0, 10).map((key) => `« ${key.slice(0, 64)} »`).join(', ')}${issue.keys.length > 10 ? '…' : ''}.`;
    case 'invalid_union':
      // zod reports a failed check of the one alternative whose type matched on its own, so a
      // union failure means the value has none of the accepted types.
      return `${subject} n’a pas le bon type.`;
    default:
      return `${subject} est invalide.`;
  }
}

function parameterMessage(issue: ZodError['issues'][number], name: string): string {
  switch (issue.code) {
    case 'invalid_type':
      // The API takes no fractional parameter: a number there is always a whole one.
      return issue.expected === 'number' || issue.expected === 'int' ? `${name} doit être un entier.` : `${name} est absent ou n’a pas le bon type.`;
    case 'too_small':
      return issue.origin === 'number' ? `${name} doit valoir au moins ${issue.minimum}.` : `${name} est trop court.`;
    case 'too_big':
      return issue.origin === 'number' ? `${name} doit valoir au plus ${issue.maximum}.` : `${name} est trop long.`;
    case 'invalid_format':
      return `${name} n’a pas le format attendu.`;
    case 'invalid_value':
      return `${name} doit valoir ${issue.values.map((v) => `« ${String(v)} »`).join(' ou ')}.`;
    default:
      return `${name} est invalide.`;
  }
}

const TARGET_PREFIX: Record<string, string> = { json: '', form: '', query: '/query', param: '/params', header: '/headers', cookie: '/cookies' };

/** The zod-openapi `defaultHook`: a failed request validation becomes a 422 naming the field. */
export function validationHook(
  result: { success: true; data: unknown; target: string } | { success: false; error: ZodError; target: string },
): void {
  const prefix = TARGET_PREFIX[result.target] ?? result.target;
  if (result.success) {
    const unstorable = findUnstorableJson(result.data, prefix);
    if (unstorable) throw validationProblem([unstorable]);
    return;
  }
  throw problem('validation', 'La requête ne respecte pas le schéma attendu.', {
    errors: zodProblemItems(result.error, prefix, result.target === 'query' || result.target === 'param' || result.target === 'header'),
  });
}

// Hono and its middleware signal some failures with HTTPException; map them to our types.
function fromHttpException(error: HTTPException): ApiError {
  switch (error.status) {
    case 400:
      return problem('malformed-request', 'Le corps de la requête n’est pas du JSON valide.');
    case 401:
      return problem('unauthenticated');
    case 413:
      return problem('payload-too-large', 'Le corps de la requête dépasse 1 Mo.');
    case 415:
      return problem('unsupported-media-type', 'Envoyez le corps en application/json.');
    default:
      return error.status >= 500
        ? problem('internal')
        : new ApiError(error.status, PROBLEM_BASE + 'http-' + error.status, 'Requête refusée');
  }
}

export function createErrorHandler(log: (message: string, error: unknown) => void = console.error): ErrorHandler {
  return (error, c) => {
    if (error instanceof ApiError) return problemResponse(c, error);
    if (error instanceof HTTPException) return problemResponse(c, fromHttpException(error));
    // The queries read cursors (db/pagination.ts); one that is not a list's own is the caller's mistake.
    if (error instanceof InvalidCursorError) {
      return problemResponse(c, validationProblem([{ code: 'invalid_cursor', path: '/query/cursor', message: 'Le curseur de pagination est invalide.' }]));
    }
    const down = unreachableDependency(error);
    if (down) {
      const detail = down === 'database' ? 'La base de données est injoignable pour le moment.' : 'Le moteur de processus (Temporal) est injoignable pour le moment.';
      return problemResponse(c, problem('unavailable', `${detail} Réessayez dans quelques instants.`, undefined, { 'Retry-After': '5' }));
    }
    log(`unhandled error on ${c.req.method} ${c.req.path}`, error);
    return problemResponse(c, problem('internal', 'Une erreur inattendue est survenue.'));
  };
}

export interface RouteShape {
  method: string;
  path: string;
}

// Hono answers 404 for a known path with another method; we answer 405 with Allow by
// matching the path against every registered route (computed lazily, once). OPTIONS, which
// no route declares, answers 204 with the same Allow: the path's methods, HEAD with GET,
// and OPTIONS itself.
export function createNotFoundHandler(routes: () => RouteShape[]): NotFoundHandler {
  let compiled: { method: string; pattern: RegExp }[] | undefined;
  return (c) => {
    compiled ??= routes()
      .filter((r) => r.method !== 'ALL' && !r.path.includes('*'))
      .map((r) => ({ method: r.method, pattern: pathPattern(r.path) }));
    const allowed = new Set(compiled.filter((r) => r.pattern.test(c.req.path)).map((r) => r.method));
    if (allowed.size === 0) return problemResponse(c, problem('not-found', 'Aucune ressource à cette adresse.'));
    if (allowed.has('GET')) allowed.add('HEAD');
    allowed.add('OPTIONS');
    const allow = [...allowed].sort().join(', ');
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    return problemResponse(
      c,
      problem('method-not-allowed', `Méthodes acceptées : ${allow}.`, undefined, { Allow: allow }),
    );
  };
}

function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/** A 422 for a business rule on otherwise well-typed input, with its findings. */
export function validationProblem(errors: ProblemItem[], detail = 'La requête ne respecte pas les règles attendues.'): ApiError {
  return problem('validation', detail, { errors });
}
