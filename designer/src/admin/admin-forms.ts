// The administration forms' pure parts: form values in, API bodies out (an edit sends only
// what changed), and the API's refusals (422 field errors, 409 duplicates) on their fields.
import type { Schemas } from '../api/client';
import { ApiProblem } from '../api/problem';
import { KINDS_WITH_ACADEMIE, type OrganizationKind } from '../format/organizations';

export interface UserFormValues {
  name: string;
  email: string;
  password: string;
  is_admin: boolean;
  organization_ids: string[];
}

export interface OrganizationFormValues {
  name: string;
  kind: OrganizationKind | '';
  academie: string;
  region: string;
}

export const userFormValues = (user?: Schemas['User']): UserFormValues => ({
  name: user?.name ?? '',
  email: user?.email ?? '',
  password: '',
  is_admin: user?.is_admin ?? false,
  organization_ids: user?.organization_ids ?? [],
});

export const organizationFormValues = (organization?: Schemas['Organization']): OrganizationFormValues => ({
  name: organization?.name ?? '',
  kind: organization?.kind ?? '',
  academie: organization?.academie ?? '',
  region: organization?.region ?? '',
});

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** POST /api/users, or the PATCH of what changed (an empty password keeps the current one). */
export function userBody(values: UserFormValues, existing?: Schemas['User']): Schemas['UserCreate'] | Schemas['UserUpdate'] {
  const name = values.name.trim();
  const email = values.email.trim();
  if (!existing) {
    return {
      name,
      email,
      is_admin: values.is_admin,
      organization_ids: values.organization_ids,
      ...(values.password ? { password: values.password } : {}),
    };
  }
  return {
    ...(name !== existing.name ? { name } : {}),
    ...(email.toLowerCase() !== existing.email ? { email } : {}),
    ...(values.is_admin !== existing.is_admin ? { is_admin: values.is_admin } : {}),
    ...(!sameSet(values.organization_ids, existing.organization_ids) ? { organization_ids: values.organization_ids } : {}),
    ...(values.password ? { password: values.password } : {}),
  };
}

/** POST /api/organizations, or the PATCH of what changed (an emptied académie or région is null). */
export function organizationBody(
  values: OrganizationFormValues,
  existing?: Schemas['Organization'],
): Schemas['OrganizationCreate'] | Schemas['OrganizationUpdate'] {
  const place = (text: string) => (text.trim() === '' ? null : text.trim());
  const body = { name: values.name.trim(), kind: values.kind as OrganizationKind, academie: place(values.academie), region: place(values.region) };
  if (!existing) return body;
  return Object.fromEntries(Object.entries(body).filter(([key, value]) => existing[key as keyof typeof body] !== value));
}

/** What the browser checks before sending (the API checks again). */
export function validateUser(values: UserFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name.trim()) errors.name = 'Indiquez le nom de la personne.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) errors.email = 'Indiquez une adresse e-mail valide.';
  if (values.password && values.password.length < 10) errors.password = 'Au moins 10 caractères.';
  return errors;
}

export function validateOrganization(values: OrganizationFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.name.trim()) errors.name = 'Indiquez le nom de l’organisation.';
  if (!values.kind) errors.kind = 'Choisissez le type d’organisation.';
  else if (KINDS_WITH_ACADEMIE.includes(values.kind) && !values.academie.trim()) {
    errors.academie = 'Une association ou une académie doit indiquer son académie.';
  }
  return errors;
}

/**
 * The refusal's messages by form field (`/organization_ids/2` → `organization_ids`), a 409
 * duplicate on the field that must be unique, and anything else as `form`.
 */
export function refusalErrors(error: unknown, uniqueField: 'email' | 'name'): Record<string, string> {
  if (!(error instanceof ApiProblem)) return { form: 'L’enregistrement a échoué. Réessayez.' };
  if (error.status === 409) return { [uniqueField]: error.message };
  const fields = error.fieldErrors('/');
  return Object.keys(fields).length > 0 ? fields : { form: error.message };
}
