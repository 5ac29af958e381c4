// Stop the embedded stack and start it again on the same data folder: the demo world, a
// project with its open task, and a durable timer set before the stop are all still there,
// and the timer fires after the restart.
import { mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database';
import { signInToStack as login, startStack } from '../support/stack-process';
import { waitFor } from '../support/wait';

const definition = {
  format: 'passerelle.process/1',
  key: 'relance-apres-redemarrage',
  name: 'Relance après redémarrage',
  roles: [{ key: 'federation', label: 'Fédération' }],
  nodes: [
    { id: 'debut', type: 'start' },
    { id: 'preparer', type: 'task', label: 'Préparer', assignee: 'federation' },
    { id: 'attendre', type: 'timer', label: 'Attendre', wait: 'PT45S' },
    { id: 'relancer', type: 'task', label: 'Relancer', assignee: 'federation' },
    { id: 'fin', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'debut', to: 'preparer' },
    { id: 'e2', from: 'preparer', to: 'attendre' },
    { id: 'e3', from: 'attendre', to: 'relancer' },
    { id: 'e4', from: 'relancer', to: 'fin' },
  ],
};

describe('stopping and starting the embedded stack again', () => {
  it('keeps every project and open task, and timers set before the stop still fire', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-restart-'));
    const first = await startStack(dataDir);
    let api: Awaited<ReturnType<typeof login>>;
    let id: string;
    let before: { body: { items: Array<{ id: string }> } };
    try {
      api = await login(first.url);
      // Listening on 127.0.0.1 only (HOST unset): the demo password is public.
      const lan = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
      if (lan) {
        await expect(fetch(first.url.replace('127.0.0.1', lan.address) + '/healthz')).rejects.toMatchObject({
          message: 'fetch failed',
          cause: { code: 'ECONNREFUSED' },
        });
      }
      before = await api('GET', '/projects?limit=100');
      expect(before.body.items.length).toBeGreaterThan(0); // the demo world was seeded

      expect((await api('PUT', `/definitions/${definition.key}/draft`, definition)).status).toBe(200);
      expect((await api('POST', `/definitions/${definition.key}/publish`)).status).toBe(201);
      const orgs = await api('GET', '/organizations');
      const federation = orgs.body.find((o: { kind: string }) => o.kind === 'federation');
      const created = await api('POST', '/projects', {
        definition_key: definition.key,
        title: 'Projet qui survit au redémarrage',
        bindings: { federation: [federation.id] },
      });
      expect(created.status).toBe(201);
      id = created.body.id;
      const done = await api('POST', `/projects/${id}/tasks/preparer:1/complete`, { outcome: 'done', values: {} });
      expect(done.status).toBe(200);
    } catch (error) {
      await first.stop();
      throw error;
    }
    expect(await first.stop()).toBe(0);
    // With everything down, the embedded database shows the timer had not fired when the
    // stack stopped, so only the stored timer can bring it (however long the restart takes:
    // a late timer fires at once).
    const stored = await createDatabase({ pgliteDir: join(dataDir, 'pg') });
    try {
      const events = await stored.selectFrom('events').select(['type', 'node']).where('project_id', '=', id!).orderBy('seq').orderBy('idx').execute();
      expect(events).toContainEqual({ type: 'task_completed', node: 'preparer' });
      expect(events.map((e) => e.type)).not.toContain('timer_fired');
    } finally {
      await stored.destroy();
    }
    const second = await startStack(dataDir, { temporalPort: first.temporalPort });
    try {
      api = await login(second.url);
      // Not seeded again, yet the demo accounts are recalled at this start too.
      expect(second.output.join('')).not.toContain('Base vide');
      expect(second.output.join('')).toContain('comptes de démonstration : federation@passerelle.demo');
      const after = await api('GET', '/projects?limit=100');
      expect(after.body.items.map((p: { id: string }) => p.id).sort()).toEqual(
        [...before.body.items.map((p: { id: string }) => p.id), id].sort(),
      );
      expect((await api('GET', `/projects/${id!}`)).body.status).toBe('running');
      const project = await waitFor(async () => {
        const { body } = await api('GET', `/projects/${id!}`);
        expect(body.open_tasks.map((t: { task_id: string }) => t.task_id)).toEqual(['relancer:1']);
        return body;
      }, 90_000);
      expect(project.timeline.some((e: { type: string; node: string }) => e.type === 'timer_fired' && e.node === 'attendre')).toBe(true);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 400_000);
});
