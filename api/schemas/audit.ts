// An audit row as the API shows it: who (with the name they have now: a pseudonym once
// anonymised), on behalf of which organization, when, what, before and after.
import { z } from '@hono/zod-openapi';
import { AUDIT_TYPES } from '../../db/queries/audit';
import { PageQuery } from '../cursor';
import { Timestamp, Uuid } from './ids';

const Json = z.record(z.string(), z.unknown());

export const AuditEventSchema = z
  .object({
    id: Uuid,
    at: Timestamp,
    type: z.enum(AUDIT_TYPES).or(z.string()),
    actor: z.object({ id: Uuid, name: z.string() }).nullable(),
    organization: z.object({ id: Uuid, name: z.string() }).nullable(),
    project: z.object({ id: Uuid, title: z.string().nullable() }).nullable(),
    subject: z.string().nullable(),
    before: Json.nullable(),
    after: Json.nullable(),
  })
  .openapi('AuditEvent');

export const AuditPageSchema = z
  .object({ items: z.array(AuditEventSchema), next_cursor: z.string().nullable() })
  .openapi('AuditPage');

const format = z
  .enum(['json', 'csv'])
  .optional()
  .openapi({ description: 'csv : tout l’historique filtré en CSV (UTF-8 avec BOM), comme `Accept: text/csv`' });

export const ProjectAuditQuery = z.object({ ...PageQuery, type: z.enum(AUDIT_TYPES).optional(), format });

export const AuditQuery = ProjectAuditQuery.extend({
  project_id: Uuid.optional(),
  user_id: Uuid.optional(),
  organization_id: Uuid.optional(),
});
