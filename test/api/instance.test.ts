// GET /api/instance: the sign-in page names the demo accounts only on the embedded
// demonstration, whose start script hands them to the app (deps.demo).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIGN_IN } from '../../stack/demo/directory';
import { anonymous, createTestApi, type TestApi } from '../support/api';

describe('the instance information', () => {
  let plain: TestApi;
  let demo: TestApi;
  beforeAll(async () => {
    [plain, demo] = await Promise.all([createTestApi(), createTestApi({ demo: DEMO_SIGN_IN })]);
  });
  afterAll(async () => {
    await Promise.all([plain?.drop(), demo?.drop()]);
  });

  it('says nothing about demo accounts on an ordinary installation, to anyone signed in or not', async () => {
    const response = await anonymous(plain).request('GET', '/api/instance');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"demo":null}');
  });

  it('lists the demo accounts, their organization and the public password on the demonstration', async () => {
    const response = await anonymous(demo).request('GET', '/api/instance');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith(
      '{"demo":{"password":"passerelle-demo","accounts":[{"email":"federation@passerelle.demo","name":"Camille Martin","organization":"Fédération nationale des écoles de production"},',
    )).toBe(true);
    expect(JSON.parse(text).demo.accounts.map((a: { email: string }) => a.email)).toEqual([
      'federation@passerelle.demo',
      'association.lyon@passerelle.demo',
      'association.lille@passerelle.demo',
      'academie.lyon@passerelle.demo',
      'academie.lille@passerelle.demo',
      'entreprise@passerelle.demo',
    ]);
  });
});
