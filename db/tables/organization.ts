import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export const ORGANIZATION_KINDS = ['federation', 'association', 'academie', 'company', 'school'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export interface OrganizationTable {
  id: Generated<string>;
  name: string;
  kind: OrganizationKind;
  /** The académie an association, académie or school belongs to (e.g. "Lyon"). */
  academie: string | null;
  region: string | null;
  created_at: Generated<Date>;
}

export type Organization = Selectable<OrganizationTable>;
export type NewOrganization = Insertable<OrganizationTable>;
export type OrganizationUpdate = Updateable<OrganizationTable>;
