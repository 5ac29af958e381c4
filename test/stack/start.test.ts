// The one-command start: the embedded stack comes up healthy, and a signal stops every
// piece of it with exit code 0, leaving no process behind (stop.test.ts: every other way).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMentioning, startStack, survivors } from '../support/stack-process';

describe('npm start on the embedded defaults', () => {
  it('becomes healthy, then stops everything cleanly with exit code 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
    const stack = await startStack(dataDir);
    try {
      const health = await fetch(`${stack.url}/healthz`).then((r) => r.json());
      expect(health.checks).toEqual({ temporal: true, database: true, worker: true });
      expect(existsSync(join(dataDir, 'temporal.db'))).toBe(true);
      expect(existsSync(join(dataDir, 'pg'))).toBe(true);
      expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
    } finally {
      expect(await stack.stop('SIGTERM')).toBe(0);
    }
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 200_000);

  it('stops everything when `npm start` itself gets SIGTERM (a service manager, docker stop)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
    const stack = await startStack(dataDir, { viaNpm: true });
    try {
      expect(await stack.stop('SIGTERM')).toBe(0);
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      // If npm left the stack orphaned, stop it through npm's process group.
      try {
        process.kill(-stack.child.pid!, 'SIGTERM');
      } catch {
        // nothing left in the group
      }
    }
  }, 200_000);

  it('stops in order with exit code 0 on one Ctrl-C in its terminal, which reaches it twice through npm', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
    const stack = await startStack(dataDir, { viaNpm: true });
    const processes = stack.processes();
    try {
      // The terminal sends SIGINT to npm and to Node, and npm forwards its copy to Node.
      stack.kill('SIGINT', { group: true });
      expect(await stack.exited).toBe(0);
      // One press, one orderly stop: the copy did not count as an impatient second Ctrl-C.
      expect(stack.output.join('')).toContain('Arrêt de Passerelle (SIGINT)');
      expect(stack.output.join('')).not.toContain("pendant l'arrêt");
      await expect.poll(() => survivors(processes), { timeout: 30_000 }).toEqual([]);
    } finally {
      try {
        process.kill(-stack.child.pid!, 'SIGKILL');
      } catch {
        // nothing left in the group
      }
    }
  }, 200_000);

  it('says clearly what is wrong when its HTTP or Temporal port is taken, and leaves nothing running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
    const first = await startStack(dataDir);
    try {
      const otherDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
      await expect(startStack(otherDir, { port: Number(new URL(first.url).port) })).rejects.toThrow(/n'a pas pu démarrer/);
      expect(processesMentioning(otherDir)).toEqual([]);
      const thirdDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
      await expect(startStack(thirdDir, { temporalPort: first.temporalPort })).rejects.toThrow(
        new RegExp(`Le port ${first.temporalPort} est déjà pris .* choisissez un autre port avec TEMPORAL_PORT`),
      );
      expect(processesMentioning(thirdDir)).toEqual([]);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  }, 300_000);
});
