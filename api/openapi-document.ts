// The OpenAPI 3.0 document, generated from the zod route declarations (never written by
// hand, so it cannot drift from what the routes accept and answer), with the two ways to
// authenticate declared as security schemes.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';
import { CSRF_HEADER } from './auth/middleware';
import { SESSION_COOKIE } from './auth/sessions';
import { PROBLEM_CONTENT_TYPE } from './errors';

export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPIDocument']>;

export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookieAuth', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `Session ouverte par POST /api/auth/login (cookie __Host-${SESSION_COOKIE} en HTTPS). Les requêtes qui modifient quelque chose doivent renvoyer le csrf_token reçu dans l’en-tête ${CSRF_HEADER}.`,
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'Jeton d’API créé par POST /api/tokens (pour l’automatisation ; pas de CSRF).',
  });
}

export function buildOpenApiDocument(app: OpenAPIHono<AppEnv>, publicUrl?: string): OpenApiDocument {
  let document: OpenApiDocument;
  try {
    document = generate(app, publicUrl);
  } catch (error) {
    // zod-to-openapi throws plain objects (ConflictError), which Hono's onError never sees.
    throw error instanceof Error ? error : new Error(`OpenAPI document: ${JSON.stringify(error)}`);
  }
  addBodyLimitAnswers(document);
  return document;
}

function generate(app: OpenAPIHono<AppEnv>, publicUrl?: string): OpenApiDocument {
  return app.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: 'API Passerelle',
      version: '0.1.0',
      description:
        'Processus école–entreprise : annuaire, définitions de processus, projets et tâches. ' +
        'Les erreurs sont en application/problem+json (RFC 9457) avec un `type` stable ' +
        'https://passerelle.dev/problems/<code> et, pour la validation, la liste `errors` de { code, path, message }.',
    },
    ...(publicUrl ? { servers: [{ url: publicUrl }] } : {}),
  });
}

// The 1 MB body limit guards every route, even those that read no body (a client may
// still send one), so every operation can answer 413: say so where the route did not.
function addBodyLimitAnswers(document: OpenApiDocument): void {
  const tooLarge = {
    description: 'Corps de requête supérieur à 1 Mo',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { responses?: Record<string, unknown> }>)) {
      if (operation.responses && !operation.responses['413']) operation.responses['413'] = tooLarge;
    }
  }
}
