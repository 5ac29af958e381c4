// The one-command start: the embedded stack comes up healthy, and a signal stops every
// piece of it with exit code 0, leaving no process behind.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processesMentioning, startStack } from '../support/stack-process';

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

  it('stops with exit code 0 on Ctrl-C (SIGINT) as well', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
    const stack = await startStack(dataDir);
    expect(await stack.stop('SIGINT')).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 200_000);

  it('says clearly what is wrong when its port is taken, and leaves nothing running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
    const first = await startStack(dataDir);
    try {
      const otherDir = mkdtempSync(join(tmpdir(), 'passerelle-stack-'));
      await expect(startStack(otherDir, { port: Number(new URL(first.url).port) })).rejects.toThrow(/n'a pas pu démarrer/);
      expect(processesMentioning(otherDir)).toEqual([]);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  }, 300_000);
});
