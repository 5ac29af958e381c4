// Organizations and memberships as people read them, in French.
import type { Schemas } from '../api/client';

export type OrganizationKind = Schemas['OrganizationKind'];

/** In the order lists and pickers show them. */
export const ORGANIZATION_KINDS: OrganizationKind[] = ['federation', 'association', 'academie', 'school', 'company'];

export const KIND_LABELS: Record<OrganizationKind, string> = {
  federation: 'Fédération',
  association: 'Association',
  academie: 'Académie (rectorat)',
  school: 'Établissement scolaire',
  company: 'Entreprise',
};

/** Headings of grouped pickers. */
export const KIND_GROUP_LABELS: Record<OrganizationKind, string> = {
  federation: 'Fédération',
  association: 'Associations',
  academie: 'Académies',
  school: 'Établissements scolaires',
  company: 'Entreprises',
};

/** The kinds that must name their académie (as the API demands). */
export const KINDS_WITH_ACADEMIE: OrganizationKind[] = ['association', 'academie'];

export const kindLabel = (kind: string) => KIND_LABELS[kind as OrganizationKind] ?? kind;
