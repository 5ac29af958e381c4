// An organization as the API shows and accepts it. Associations and académies must name
// their académie (DOMAIN.md: every project belongs to one); other kinds may.
import { z } from '@hono/zod-openapi';
import { ORGANIZATION_KINDS, type Organization as OrganizationRow } from '../../db/tables/organization';
import { Timestamp, Uuid, iso } from './ids';
import { singleLine } from './text';

export const OrganizationKind = z.enum(ORGANIZATION_KINDS).openapi('OrganizationKind');

export const KINDS_WITH_ACADEMIE: readonly string[] = ['association', 'academie'];

export const OrganizationSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    kind: OrganizationKind,
    academie: z.string().nullable(),
    region: z.string().nullable(),
    created_at: Timestamp,
  })
  .openapi('Organization');
export type OrganizationView = z.infer<typeof OrganizationSchema>;

const name = singleLine(200);
const place = singleLine(100);

export const OrganizationCreateSchema = z
  .strictObject({
    name,
    kind: OrganizationKind,
    academie: place.nullable().optional(),
    region: place.nullable().optional(),
  })
  .openapi('OrganizationCreate');

export const OrganizationUpdateSchema = z
  .strictObject({
    name: name.optional(),
    kind: OrganizationKind.optional(),
    academie: place.nullable().optional(),
    region: place.nullable().optional(),
  })
  .openapi('OrganizationUpdate');

export function toOrganization(row: OrganizationRow): OrganizationView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    academie: row.academie,
    region: row.region,
    created_at: iso(row.created_at),
  };
}
