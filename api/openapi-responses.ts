// Shared pieces of route declarations: the problem+json schema and the error responses a
// route can give, so each route documents exactly the statuses it may answer.
import { z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from './errors';

const ProblemItemSchema = z
  .object({ code: z.string(), path: z.string(), message: z.string() })
  .openapi('ProblemItem');

const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://passerelle.dev/problems/validation' }),
    title: z.string().openapi({ example: 'Données invalides' }),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(ProblemItemSchema).optional(),
  })
  .passthrough()
  .openapi('Problem');

const DESCRIPTIONS = {
  400: 'Requête mal formée (JSON invalide)',
  401: 'Authentification requise ou identifiants incorrects',
  403: 'Action non autorisée, ou jeton CSRF manquant',
  404: 'Ressource introuvable',
  409: 'Conflit avec l’état actuel',
  413: 'Corps de requête supérieur à 1 Mo',
  415: 'Le corps doit être en application/json',
  422: 'Données invalides',
  429: 'Trop de tentatives',
  503: 'Service indisponible',
} as const;

type ProblemStatus = keyof typeof DESCRIPTIONS;

function problemResponse(status: ProblemStatus) {
  return {
    description: DESCRIPTIONS[status],
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  };
}

/** Error responses for a route: `...problems(401, 404)`. */
export function problems<S extends ProblemStatus>(...statuses: S[]): Record<S, ReturnType<typeof problemResponse>> {
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(s)])) as Record<S, ReturnType<typeof problemResponse>>;
}

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  } as const;
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** Security requirement for routes that need a caller: cookie session or Bearer token. */
export const AUTHENTICATED: Record<string, string[]>[] = [{ cookieAuth: [] }, { bearerAuth: [] }];
