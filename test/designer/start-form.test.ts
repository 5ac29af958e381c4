import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../designer/src/api/problem';
import { buildStartPayload, requiredRoles, serverErrors, startFields, subprocessKeys, FIX_FIELDS } from '../../designer/src/forms/start-form';
import { initialValues } from '../../designer/src/forms/task-form';
import type { Definition } from '../../dsl/schema';

const definition = {
  key: 'ecole',
  roles: [{ key: 'association', label: 'Association porteuse' }, { key: 'academie', label: 'Rectorat' }, { key: 'observateur', label: 'Observateur' }],
  variables: [
    { name: 'nomProjet', type: 'string', label: 'Nom du projet', required: true },
    { name: 'academie', type: 'enum', label: 'Académie', required: true, options: ['Lyon', 'Lille'] },
    { name: 'nbJeunes', type: 'integer', label: 'Nombre de jeunes', default: 12 },
    { name: 'contact', type: 'email' },
  ],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'depot', type: 'task', assignee: 'association' },
    { id: 'revue', type: 'task', assignee: 'academie' },
    { id: 'ami', type: 'subprocess', process: 'ami-candidature' },
    { id: 'ami2', type: 'subprocess', process: 'ami-candidature' },
  ],
} as unknown as Definition;

const ORG = '3f0c6a0e-2b1e-4c8e-9d53-5b7a1f0e2c11';

describe('the start-project form', () => {
  it('makes a field of each variable, labelled, required ones marked, defaults filled in', () => {
    const fields = startFields(definition);
    expect(fields.map((f) => [f.var, f.label, f.required])).toEqual([
      ['nomProjet', 'Nom du projet', true], ['academie', 'Académie', true], ['nbJeunes', 'Nombre de jeunes', false], ['contact', 'contact', false],
    ]);
    expect(fields[1]!.options).toEqual(['Lyon', 'Lille']);
    expect(initialValues(fields)).toEqual({ nomProjet: '', academie: '', nbJeunes: '12', contact: '' });
  });

  it('requires the roles tasks are assigned to, and knows the subprocesses', () => {
    expect([...requiredRoles(definition)]).toEqual(['association', 'academie']);
    expect(subprocessKeys(definition)).toEqual(['ami-candidature']);
  });

  it('builds the request body, leaving blank optional values out', () => {
    const raw = { ...initialValues(startFields(definition)), nomProjet: ' École de Lyon ', academie: 'Lyon', nbJeunes: '14' };
    const { payload, errors } = buildStartPayload(
      { definitionKey: 'ecole', version: 3, title: '  Lyon métallerie ', bindings: { association: [ORG, ORG], academie: [ORG], observateur: [], candidat: [ORG] }, raw },
      definition,
    );
    expect(errors).toEqual({ bindings: {}, input: {} });
    expect(payload).toEqual({
      definition_key: 'ecole',
      definition_version: 3,
      title: 'Lyon métallerie',
      bindings: { association: [ORG], academie: [ORG], candidat: [ORG] },
      input: { nomProjet: 'École de Lyon', academie: 'Lyon', nbJeunes: 14 },
    });
  });

  it('says what to correct on each field, and sends nothing', () => {
    const raw = { ...initialValues(startFields(definition)), academie: 'Paris', nbJeunes: 'douze', contact: 'pas-une-adresse' };
    const { payload, errors } = buildStartPayload({ definitionKey: 'ecole', version: 1, title: ' ', bindings: { association: [ORG] }, raw }, definition);
    expect(payload).toBeNull();
    expect(errors.form).toBe(FIX_FIELDS);
    expect(errors.title).toBe('Donnez un titre au projet.');
    expect(errors.bindings).toEqual({ academie: 'Confiez ce rôle à au moins une organisation.' });
    expect(Object.keys(errors.input).sort()).toEqual(['academie', 'contact', 'nbJeunes', 'nomProjet']);
    expect(errors.input.nomProjet).toBe('Ce champ est obligatoire.');
  });

  it('puts the API’s refusals on their fields', () => {
    const refusal = new ApiProblem(422, {
      title: 'Requête invalide',
      detail: 'Le projet ne peut pas être démarré ainsi.',
      errors: [
        { code: 'wrong_type', path: '/input/nbJeunes', message: 'La valeur « Nombre de jeunes » ne convient pas.' },
        { code: 'unknown_organization', path: '/bindings/academie/0', message: 'Organisation inconnue.' },
        { code: 'too_big', path: '/title', message: 'Trop long.' },
      ],
    });
    expect(serverErrors(refusal)).toEqual({
      bindings: { academie: 'Organisation inconnue.' },
      input: { nbJeunes: 'La valeur « Nombre de jeunes » ne convient pas.' },
      title: 'Trop long.',
      form: FIX_FIELDS,
    });
    expect(serverErrors(new ApiProblem(503, { title: 'Indisponible', detail: 'Le moteur n’est pas joignable.' }))).toEqual({
      bindings: {}, input: {}, form: 'Le moteur n’est pas joignable.',
    });
    expect(serverErrors(new ApiProblem(422, { errors: [{ code: 'unknown_definition', path: '/definition_key', message: 'Aucune version.' }] })).definition).toBe('Aucune version.');
  });
});
