// `npm run admin -- create|promote <e-mail>` as a real process against a PostgreSQL test
// database (DATABASE_URL): the way back in for an installation left without administrator.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, anonymous, createTestApi, createUser, type TestApi } from '../support/api';

const execFileAsync = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

describe('npm run admin', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.drop());

  /** Runs the command (stdin is not a terminal, so passwords are generated); never throws. */
  async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await execFileAsync('npm', ['run', '--silent', 'admin', '--', ...args], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: api.url },
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  const login = (email: string, password: string) => anonymous(api).json('POST', '/api/auth/login', { email, password });

  it('creates an administrator with a generated password, printed once, who can then sign in', async () => {
    const run = await admin('create', 'Secours@Passerelle.test', '--name', 'Compte de secours');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Administrateur créé : secours@passerelle.test');
    const password = /Mot de passe : (\S+)/.exec(run.stdout)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);
    const signedIn = await login('secours@passerelle.test', password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ name: 'Compte de secours', is_admin: true });

    const again = await admin('create', 'secours@passerelle.test');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('npm run admin -- promote secours@passerelle.test');
  });

  it('promotes an existing account, keeping its password, and gives a disabled one a new password', async () => {
    const user = await createUser(api.db);
    const run = await admin('promote', user.email);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${user.email} est maintenant administrateur.`);
    expect(run.stdout).not.toContain('Mot de passe');
    expect((await login(user.email, PASSWORD)).body.is_admin).toBe(true);

    const disabled = await createUser(api.db);
    await api.db.updateTable('users').set({ password_hash: null }).where('id', '=', disabled.id).execute();
    const revived = await admin('promote', disabled.email);
    expect(revived.code, revived.stderr).toBe(0);
    const password = /Nouveau mot de passe : (\S+)/.exec(revived.stdout)?.[1] ?? '';
    expect((await login(disabled.email, password)).body).toMatchObject({ is_admin: true });
  });

  it('explains its usage in French and changes nothing on a wrong command line', async () => {
    const before = await api.db.selectFrom('users').select('id').execute();
    const lines = [[], ['demote', 'x@y.fr'], ['create', 'pas-une-adresse'], ['promote', 'x@y.fr', '--name', 'X']];
    const runs = await Promise.all(lines.map((args) => admin(...args)));
    runs.forEach((run, i) => {
      expect(run.code, lines[i].join(' ')).toBe(2);
      expect(run.stderr).toContain('npm run admin -- create <e-mail>');
    });
    const unknown = await admin('promote', 'inconnu@passerelle.test');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Aucun compte pour inconnu@passerelle.test');
    expect(await api.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });
});
