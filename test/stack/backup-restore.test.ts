// `npm run backup` and `npm run restore` on the embedded stack: a project waits on a task at
// backup time; restored into a fresh data folder, the stack starts there and the task is
// completed through the API, so the database and the Temporal state came back together.
// A backup is refused while the stack runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signInToStack as login, startStack } from '../support/stack-process';

const ROOT = join(import.meta.dirname, '..', '..');

const definition = {
  format: 'passerelle.process/1',
  key: 'sauvegarde-restauration',
  name: 'Sauvegarde et restauration',
  roles: [{ key: 'federation', label: 'Fédération' }],
  nodes: [
    { id: 'debut', type: 'start' },
    { id: 'valider', type: 'task', label: 'Valider', assignee: 'federation' },
    { id: 'cloturer', type: 'task', label: 'Clôturer', assignee: 'federation' },
    { id: 'fin', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'debut', to: 'valider' },
    { id: 'e2', from: 'valider', to: 'cloturer' },
    { id: 'e3', from: 'cloturer', to: 'fin' },
  ],
};

const script = (name: 'backup' | 'restore', dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, PASSERELLE_DATA_DIR: dataDir },
    encoding: 'utf8',
  });

describe('backing up and restoring the embedded stack', () => {
  const root = mkdtempSync(join(tmpdir(), 'passerelle-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('restores into a fresh folder where a waiting task can be completed', async () => {
    const original = join(root, 'data');
    const backup = join(root, 'sauvegarde');
    const restored = join(root, 'restauree');
    const first = await startStack(original);
    let id: string;
    let projectsBefore: string[];
    try {
      const api = await login(first.url);
      expect((await api('PUT', `/definitions/${definition.key}/draft`, definition)).status).toBe(200);
      expect((await api('POST', `/definitions/${definition.key}/publish`)).status).toBe(201);
      const federation = (await api('GET', '/organizations')).body.find((o: { kind: string }) => o.kind === 'federation');
      const created = await api('POST', '/projects', { definition_key: definition.key, title: 'Projet sauvegardé', bindings: { federation: [federation.id] } });
      expect(created.status).toBe(201);
      id = created.body.id;
      expect((await api('POST', `/projects/${id}/tasks/valider:1/complete`, { outcome: 'done', values: {} })).status).toBe(200);
      projectsBefore = (await api('GET', '/projects?limit=100')).body.items.map((p: { id: string }) => p.id).sort();

      const refused = script('backup', original, backup);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/Sauvegarde refusée : Passerelle semble tourner/);
      expect(existsSync(backup)).toBe(false);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const saved = script('backup', original, backup);
    expect(saved.status, saved.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8'))).toMatchObject({ format: 'passerelle.backup/1' });
    const put = script('restore', restored, backup);
    expect(put.status, put.stderr).toBe(0);
    // Restoring over existing state needs --force.
    expect(script('restore', restored, backup).stderr).toMatch(/contient déjà des données/);

    const second = await startStack(restored);
    try {
      const api = await login(second.url);
      expect((await api('GET', '/projects?limit=100')).body.items.map((p: { id: string }) => p.id).sort()).toEqual(projectsBefore);
      const waiting = await api('GET', `/projects/${id}`);
      expect(waiting.body.open_tasks.map((t: { task_id: string }) => t.task_id)).toEqual(['cloturer:1']);
      const done = await api('POST', `/projects/${id}/tasks/cloturer:1/complete`, { outcome: 'done', values: {} });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.project.status).toBe('completed');
      // The audit trail came back with the rest.
      const trail = await api('GET', `/projects/${id}/audit`);
      expect(trail.body.items.map((e: { type: string }) => e.type)).toEqual(['task.completed', 'task.completed', 'project.bindings_set', 'project.started']);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 400_000);
});
