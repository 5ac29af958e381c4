import { describe, expect, it } from 'vitest';
import {
  organizationBody, organizationFormValues, refusalErrors, userBody, userFormValues, validateOrganization, validateUser,
} from '../../designer/src/admin/admin-forms';
import { ApiProblem } from '../../designer/src/api/problem';

const ORG = '3f0c6a0e-2b1e-4c8e-9d53-5b7a1f0e2c11';
const user = { id: 'u', email: 'a@b.fr', name: 'Ana', is_admin: false, organization_ids: [ORG], created_at: '2027-01-01T00:00:00Z' };
const organization = { id: ORG, name: 'Lycée', kind: 'school' as const, academie: 'Lyon', region: null, created_at: '2027-01-01T00:00:00Z' };

describe('the administration forms', () => {
  it('creates a user with what was typed, the password only when given', () => {
    expect(userBody({ name: ' Léa ', email: 'lea@x.fr ', password: '', is_admin: false, organization_ids: [ORG] })).toEqual({
      name: 'Léa', email: 'lea@x.fr', is_admin: false, organization_ids: [ORG],
    });
  });

  it('edits only what changed', () => {
    expect(userBody(userFormValues(user), user)).toEqual({});
    expect(userBody({ ...userFormValues(user), email: 'A@B.fr', organization_ids: [], password: 'nouveau-secret' }, user)).toEqual({
      organization_ids: [], password: 'nouveau-secret',
    });
    expect(organizationBody(organizationFormValues(organization), organization)).toEqual({});
    expect(organizationBody({ ...organizationFormValues(organization), academie: ' ', region: 'Auvergne' }, organization)).toEqual({
      academie: null, region: 'Auvergne',
    });
    expect(organizationBody({ name: 'Asso', kind: 'association', academie: 'Lille', region: '' })).toEqual({
      name: 'Asso', kind: 'association', academie: 'Lille', region: null,
    });
  });

  it('checks the obvious before sending', () => {
    expect(validateUser({ name: '', email: 'x', password: 'court', is_admin: false, organization_ids: [] })).toEqual({
      name: 'Indiquez le nom de la personne.', email: 'Indiquez une adresse e-mail valide.', password: 'Au moins 10 caractères.',
    });
    expect(validateOrganization({ name: 'A', kind: 'association', academie: '', region: '' })).toEqual({
      academie: 'Une association ou une académie doit indiquer son académie.',
    });
    expect(validateOrganization({ name: 'A', kind: 'company', academie: '', region: '' })).toEqual({});
  });

  it('puts refusals on their fields: 422 by pointer, 409 on the unique field', () => {
    const invalid = new ApiProblem(422, { errors: [{ code: 'unknown_organization', path: '/organization_ids/1', message: 'Organisation inconnue.' }] });
    expect(refusalErrors(invalid, 'email')).toEqual({ organization_ids: 'Organisation inconnue.' });
    const duplicate = new ApiProblem(409, { title: 'Conflit', detail: 'Une organisation porte déjà ce nom.' });
    expect(refusalErrors(duplicate, 'name')).toEqual({ name: 'Une organisation porte déjà ce nom.' });
    expect(refusalErrors(new ApiProblem(500, { title: 'Erreur' }), 'name')).toEqual({ form: 'Erreur' });
  });
});
