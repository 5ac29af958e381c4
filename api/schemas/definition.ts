// Process definitions as the API shows and accepts them. Documents themselves are any
// JSON: drafts may be invalid (the designer saves work in progress), and the validator,
// not the request schema, says what is wrong with them, in the spec's own terms.
import { z } from '@hono/zod-openapi';
import { KEY_PATTERN } from '../../dsl/schema';
import { SimulationScript } from '../../dsl/simulation-script';
import { Timestamp, Uuid } from './ids';

export const DefinitionKey = z.string().regex(KEY_PATTERN).openapi({ example: 'ecole-de-production' });

export const KeyParam = z.object({ key: DefinitionKey.openapi({ param: { name: 'key', in: 'path' } }) });

export const VersionParam = z.object({
  key: DefinitionKey.openapi({ param: { name: 'key', in: 'path' } }),
  // PostgreSQL integers stop at 2^31 - 1; a larger number must be a 422, not a database error.
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .openapi({ param: { name: 'version', in: 'path' }, type: 'integer', minimum: 1, maximum: 2_147_483_647, example: 1 }),
});

// Any JSON value, but present: a body without its document is refused (422), and the
// OpenAPI document marks it required wherever it is a property.
export const DocumentSchema = z.unknown().nonoptional().openapi('ProcessDocument', {
  description: 'Un document du langage de processus (format passerelle.process/1), valide ou non',
});

const Finding = z.object({ code: z.string(), path: z.string(), message: z.string() });

export const ValidationSchema = z
  .object({ valid: z.boolean(), errors: z.array(Finding), warnings: z.array(Finding) })
  .openapi('ValidationResult');

export const VersionSummarySchema = z
  .object({
    version: z.number().int(),
    published_at: Timestamp,
    published_by: Uuid.nullable(),
    published_by_name: z.string().nullable().openapi({ description: 'Le nom de la personne qui a publié, null si inconnue' }),
  })
  .openapi('DefinitionVersionSummary');

export const DefinitionSummarySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    draft_updated_at: Timestamp.nullable(),
    latest_version: z.number().int().nullable(),
    latest_published_at: Timestamp.nullable(),
  })
  .openapi('DefinitionSummary');

export const DefinitionSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    draft: DocumentSchema.nullable(),
    draft_updated_at: Timestamp.nullable(),
    created_at: Timestamp,
    versions: z.array(VersionSummarySchema),
  })
  .openapi('Definition');

export const DraftSavedSchema = z
  .object({ key: z.string(), draft: DocumentSchema, draft_updated_at: Timestamp, validation: ValidationSchema })
  .openapi('DraftSaved');

export const VersionSchema = z
  .object({
    key: z.string(),
    version: z.number().int(),
    document: DocumentSchema,
    published_at: Timestamp,
    published_by: Uuid.nullable(),
    published_by_name: z.string().nullable().openapi({ description: 'Le nom de la personne qui a publié, null si inconnue' }),
  })
  .openapi('DefinitionVersion');

export const PublishedSchema = VersionSchema.extend({ warnings: z.array(Finding) }).openapi('DefinitionPublished');

export const SimulateRequestSchema = z
  .strictObject({
    definition: DocumentSchema,
    script: SimulationScript.optional(),
    start: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Début de l’horloge virtuelle (défaut : maintenant)' }),
  })
  .openapi('SimulateRequest');

const SimulationEvent = z
  .object({
    at: z.string(),
    type: z.enum(['task_opened', 'task_completed', 'task_cancelled', 'reminder', 'escalation', 'timer_fired', 'notified', 'phase_entered', 'ended']),
    node: z.string(),
    task: z.string().optional(),
    outcome: z.string().optional(),
    phase: z.string().optional(),
    process: z.string().optional(),
  })
  .openapi('SimulationEvent');

export const SimulationSchema = z
  .object({
    result: z.enum(['completed', 'abandoned', 'stuck', 'limit']),
    start: z.string(),
    end: z.string().nullable(),
    events: z.array(SimulationEvent),
  })
  .openapi('SimulationResult');
