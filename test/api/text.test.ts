// Names and titles reach e-mail subjects and pages: a newline, another control character or
// a text-direction override in one is refused (422, code control_character, naming the
// field) and nothing is written; spaces and line ends around it are trimmed away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, createTestApi, createUser, withToken, type Caller, type TestApi } from '../support/api';

const REFUSED = {
  newline: 'Camille\nMartin',
  'carriage return': 'Camille\r\nBcc: x@y.fr',
  tabulation: 'Camille\tMartin',
  escape: 'Camille\u001b[31mMartin',
  'C1 control': 'Camille\u0085Martin',
  'right-to-left override': 'facture\u202Eexe.pdf',
  'isolate': 'Camille\u2066Martin\u2069',
  'line separator': 'Camille\u2028Martin',
};

describe('control characters in names and titles', () => {
  let api: TestApi;
  let admin: Caller;
  let organizationId: string;
  beforeAll(async () => {
    api = await createTestApi();
    admin = await withToken(api, await createUser(api.db, { isAdmin: true }));
    organizationId = await createOrganization(api.db, { kind: 'association', academie: 'Lyon' });
  });
  afterAll(async () => api?.drop());

  const cases = (userId: string) => [
    { what: 'user name', method: 'POST', path: '/api/users', body: (text: string) => ({ email: `c-${Math.random().toString(36).slice(2)}@passerelle.test`, name: text }), field: '/name' },
    { what: 'user name (update)', method: 'PATCH', path: `/api/users/${userId}`, body: (text: string) => ({ name: text }), field: '/name' },
    { what: 'organization name', method: 'POST', path: '/api/organizations', body: (text: string) => ({ name: text, kind: 'company' }), field: '/name' },
    { what: 'académie', method: 'PATCH', path: `/api/organizations/${organizationId}`, body: (text: string) => ({ academie: text }), field: '/academie' },
    { what: 'token name', method: 'POST', path: '/api/tokens', body: (text: string) => ({ name: text }), field: '/name' },
    { what: 'project title', method: 'POST', path: '/api/projects', body: (text: string) => ({ definition_key: 'revue', title: text, bindings: { equipe: [organizationId] } }), field: '/title' },
  ];

  it('refuses each kind of character in each field, naming it, and writes nothing', async () => {
    const user = await createUser(api.db);
    const snapshot = async () => ({
      users: await api.db.selectFrom('users').select(['id', 'name']).orderBy('id').execute(),
      organizations: await api.db.selectFrom('organizations').selectAll().orderBy('id').execute(),
      tokens: await api.db.selectFrom('api_tokens').select('name').orderBy('name').execute(),
    });
    const before = await snapshot();
    for (const route of cases(user.id)) {
      for (const [kind, text] of Object.entries(REFUSED)) {
        const answer = await admin.json(route.method, route.path, route.body(text));
        expect(answer.status, `${route.what}: ${kind}`).toBe(422);
        expect(answer.body.errors, `${route.what}: ${kind}`).toEqual([
          { code: 'control_character', path: route.field, message: expect.stringMatching(/^Le champ « .+ » contient un retour à la ligne/) },
        ]);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('accepts names with accents, emoji and joiners, trimming spaces and line ends around them', async () => {
    const created = await admin.json('POST', '/api/users', { email: 'zoe@passerelle.test', name: '  Zoé Ôtaké 👩‍🔬\n' });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Zoé Ôtaké 👩‍🔬');
  });

  it('says so in the OpenAPI document, as a pattern on those fields', async () => {
    const document = (await (await api.app.request('/api/openapi.json')).json()) as { components: { schemas: Record<string, any> } };
    const pattern = document.components.schemas.UserCreate.properties.name.pattern as string;
    expect(new RegExp(pattern).test('Zoé')).toBe(true);
    expect(new RegExp(pattern).test('Zoé\n')).toBe(false);
    for (const [schema, field] of [['UserUpdate', 'name'], ['OrganizationCreate', 'name'], ['OrganizationUpdate', 'region'], ['ProjectCreate', 'title'], ['ApiTokenCreate', 'name']]) {
      expect(document.components.schemas[schema].properties[field].pattern, `${schema}.${field}`).toBe(pattern);
    }
  });
});
