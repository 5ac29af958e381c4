// Section "at-rest": what one machine needs for `npm start`. Starts the real entry point as
// a child process (as test/support/stack-process.ts does) on a fresh data folder: embedded
// (PGlite, demo world seeded) and with DATABASE_URL (PostgreSQL, no seed), and reports the
// time to healthy from a warm install (web application already built, workflow bundle cached)
// and the resident memory of the Node process and of the Temporal dev server right after it
// is healthy. Baseline: an idle bare `node` process (RSS) and `node -e 0` (time).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureWebAppBuilt } from '../stack/web-build';
import { createTestDatabase } from '../test/support/database';
import { startStack } from '../test/support/stack-process';
import { workflowBundle } from '../worker/workflow-bundle';
import { commandOf, descendants, nowMs, row, rssMiB, type Row, type Section } from './section';

interface StartFigures {
  healthySeconds: number;
  nodeMiB: number;
  temporalMiB: number;
}

async function measureStart(env: NodeJS.ProcessEnv): Promise<StartFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-rest-'));
  try {
    const t0 = nowMs();
    const stack = await startStack(dir, { env });
    const healthySeconds = (nowMs() - t0) / 1000;
    try {
      const pid = stack.child.pid!;
      const nodeMiB = (await rssMiB(pid)) ?? NaN;
      let temporalMiB = 0;
      for (const child of await descendants(pid)) {
        if ((await commandOf(child)).includes('start-dev')) temporalMiB += (await rssMiB(child)) ?? 0;
      }
      return { healthySeconds, nodeMiB, temporalMiB };
    } finally {
      const code = await stack.stop('SIGTERM');
      if (code !== 0) throw new Error(`npm start exited with ${code} on SIGTERM`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RSS of an idle bare Node process, MiB. */
async function bareNodeMiB(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  try {
    await delay(300);
    return (await rssMiB(child.pid!)) ?? NaN;
  } finally {
    child.kill('SIGKILL');
  }
}

export const atRestSection: Section = {
  name: 'at-rest',
  describe: '`npm start`: time to healthy and resident memory, embedded and with DATABASE_URL',
  async run({ log }) {
    // A warm install: what a second `npm start` finds (the build and the bundle are cached).
    log('at-rest: making sure the web application and the workflow bundle are built');
    const t0 = nowMs();
    await Promise.all([ensureWebAppBuilt(), workflowBundle()]);
    const warmUpSeconds = (nowMs() - t0) / 1000;
    const t1 = nowMs();
    spawnSync(process.execPath, ['-e', '0']);
    const nodeStart = (nowMs() - t1) / 1000;
    const bare = await bareNodeMiB();

    log('at-rest: npm start, embedded (PGlite, demo world)');
    const embedded = await measureStart({ DATABASE_URL: '', TEMPORAL_ADDRESS: '' });
    log('at-rest: npm start with DATABASE_URL');
    const database = await createTestDatabase();
    let external: StartFigures;
    try {
      external = await measureStart({ DATABASE_URL: database.url, TEMPORAL_ADDRESS: '' });
    } finally {
      await database.drop();
    }
    const rows: Row[] = [
      row('time to healthy, embedded (first start: demo seed)', embedded.healthySeconds, 's', nodeStart, null, 'node -e 0'),
      row('time to healthy, DATABASE_URL', external.healthySeconds, 's', nodeStart, null, 'node -e 0'),
      row('Node process RSS, embedded, healthy', embedded.nodeMiB, 'MiB', bare, '< 300 MiB', 'idle bare node'),
      row('Node process RSS, DATABASE_URL, healthy', external.nodeMiB, 'MiB', bare, null, 'idle bare node'),
      row('Temporal dev server RSS, embedded', embedded.temporalMiB, 'MiB'),
      row('web build and workflow bundle check (warm)', warmUpSeconds, 's'),
    ];
    return rows;
  },
};
