// Section "waiting": N open projects (10,000; --quick 200), each waiting on a task with a
// due date, a reminder and an escalation, on the real PostgreSQL server, a Temporal dev server
// with its SQLite file, an in-process SMTP server and the worker as its own process
// (`worker/main.ts`, so its memory is its own). Reports the worker's resident memory with
// every project waiting, the size of Temporal's database, and a wave of N reminders falling
// due at one instant: the language computes a reminder from its task's opening, so projects
// started minutes apart cannot share one instant; instead the worker is stopped once all
// are started, every reminder falls due while it is away, and a fresh worker meets all N at
// once. The wave is done when every reminder is recorded once and e-mailed once (SMTP).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { startProject } from '../api/project-runner';
import type { Definition } from '../dsl/schema';
import { createTestDatabase } from '../test/support/database';
import { startTestSmtpServer } from '../test/support/smtp';
import { startTestTemporal } from '../test/support/temporal';
import { nowMs, row, rssMiB, type Row, type Section } from './section';

const ROOT = join(import.meta.dirname, '..');

/** One task: a reminder `leadSeconds` after it opens, an escalation later, due later still. */
function waitingDefinition(leadSeconds: number): Definition {
  const dueMinutes = Math.ceil(leadSeconds / 60) * 4 + 60;
  const reminderBefore = dueMinutes * 60 - leadSeconds;
  return {
    format: 'passerelle.process/1',
    key: 'bench-attente',
    name: 'Dossier en attente',
    roles: [
      { key: 'association', label: 'Association' },
      { key: 'federation', label: 'Fédération' },
    ],
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'dossier', type: 'task', label: 'Déposer le dossier', assignee: 'association', due: `PT${dueMinutes}M`,
        reminders: [`PT${reminderBefore}S`], escalation: { after: `PT${dueMinutes - 10}M`, to: ['federation'] },
      },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { id: 'e1', from: 'start', to: 'dossier' },
      { id: 'e2', from: 'dossier', to: 'end' },
    ],
  } as Definition;
}

function startWorker(env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<unknown>; peak: () => number; stop: () => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = once(child, 'exit');
  let peak = 0;
  const sampler = setInterval(() => void rssMiB(child.pid!).then((m) => (peak = Math.max(peak, m ?? 0))), 250);
  return {
    child,
    exited,
    peak: () => peak,
    async stop() {
      clearInterval(sampler);
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, delay(20_000).then(() => child.kill('SIGKILL'))]);
    },
  };
}

export const waitingSection: Section = {
  name: 'waiting',
  describe: '10,000 projects waiting on tasks: worker memory, Temporal database size, a wave of 10,000 reminders',
  async run({ quick, log }) {
    const total = quick ? 60 : 10_000;
    const leadSeconds = quick ? 20 : 20 * 60;
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-waiting-'));
    const temporalDb = join(dir, 'temporal.db');
    const [database, temporal, smtp] = await Promise.all([createTestDatabase(), startTestTemporal({ dbFile: temporalDb }), startTestSmtpServer()]);
    const workers: Array<ReturnType<typeof startWorker>> = [];
    try {
      const { db } = database;
      const definition = waitingDefinition(leadSeconds);
      const [association, federation] = await Promise.all(
        (['association', 'federation'] as const).map((kind) =>
          db.insertInto('organizations').values({ name: kind, kind, academie: 'Lyon', region: null }).returning('id').executeTakeFirstOrThrow(),
        ),
      );
      for (const [n, org] of [association, federation].entries()) {
        const user = await db.insertInto('users').values({ email: `attente${n}@bench.passerelle`, name: `Membre ${n}`, password_hash: null, is_admin: false }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('memberships').values({ user_id: user.id, organization_id: org.id }).execute();
      }
      await db.insertInto('definitions').values({ key: definition.key, name: definition.name, draft: null, draft_updated_at: null, updated_by: null }).execute();
      await db.insertInto('definition_versions').values({ key: definition.key, version: 1, document: JSON.stringify(definition), published_by: null }).execute();
      const env = { DATABASE_URL: database.url, TEMPORAL_ADDRESS: temporal.address, SMTP_URL: smtp.url, APP_URL: 'http://passerelle.bench' };

      workers.push(startWorker(env));
      log(`waiting: starting ${total} projects (reminders ${leadSeconds} s after each opens)`);
      const t0 = nowMs();
      let next = 0;
      let firstStartAt = 0;
      let lastStartAt = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let n = next++; n < total; n = next++) {
            const started = await startProject(
              { db, client: temporal.client },
              {
                title: `Dossier ${n}`,
                definition: { key: definition.key, version: 1, document: definition },
                input: {},
                bindings: { association: [association.id], federation: [federation.id] },
              },
            );
            if (!started.ok) throw new Error(`start refused: ${started.refusal.message}`);
            lastStartAt = Date.now();
            firstStartAt ||= lastStartAt;
          }
        }),
      );
      // Every first step written (task open, timers set in the workflows).
      const count = async (query: string) => Number(((await sql.raw(query).execute(db)).rows[0] as { n: number }).n);
      while ((await count(`select count(*)::int as n from tasks where status = 'open'`)) < total) await delay(200);
      const startSeconds = (nowMs() - t0) / 1000;
      await delay(1000);
      const waitingMiB = (await rssMiB(workers[0].child.pid!)) ?? NaN;
      const startPeak = workers[0].peak();
      await workers[0].stop();
      const early = await count(`select count(*)::int as n from notifications where kind = 'reminder'`);
      if (early > 0) log(`waiting: ${early} reminders fell due before the worker stopped (starts took ${startSeconds.toFixed(0)} s, lead ${leadSeconds} s)`);

      // Every reminder falls due while no worker runs.
      const dueBy = lastStartAt + leadSeconds * 1000 + 2000;
      log(`waiting: all started in ${startSeconds.toFixed(1)} s; worker stopped; the wave falls due in ${((dueBy - Date.now()) / 1000).toFixed(0)} s`);
      await delay(Math.max(0, dueBy - Date.now()));
      const temporalMiB = statSize(temporalDb) / 2 ** 20;

      log('waiting: a fresh worker meets the wave');
      const w0 = nowMs();
      workers.push(startWorker(env));
      const deadline = Date.now() + (quick ? 120_000 : 30 * 60_000);
      for (;;) {
        const emailed = await count(`select count(*)::int as n from notifications where kind = 'reminder' and emailed_at is not null`);
        if (emailed >= total && smtp.received.length >= total) break;
        if (Date.now() > deadline) throw new Error(`wave not done: ${emailed}/${total} e-mailed, ${smtp.received.length} received`);
        await delay(200);
      }
      const waveSeconds = (nowMs() - w0) / 1000;
      await delay(quick ? 1000 : 5000); // Anything sent twice would arrive now.
      const recorded = await count(`select count(*)::int as n from notifications where kind = 'reminder'`);
      const perTask = await count(`select count(*)::int as n from tasks where reminder_count <> 1`);
      const messageIds = new Set(smtp.received.map((m) => m.messageId)).size;
      if (recorded !== total || perTask !== 0 || smtp.received.length !== total || messageIds !== total) {
        throw new Error(`not exactly once: ${recorded} recorded, ${perTask} tasks not reminded once, ${smtp.received.length} mails, ${messageIds} distinct ids for ${total}`);
      }
      const wavePeak = workers[1].peak();
      return [
        row(`worker RSS, ${total} projects waiting`, waitingMiB, 'MiB', null, '< 1024 MiB'),
        row('worker RSS, peak while starting', startPeak, 'MiB', null, '< 1024 MiB'),
        row(`worker RSS, peak during the wave`, wavePeak, 'MiB', null, '< 1024 MiB'),
        row(`Temporal database size, ${total} projects`, temporalMiB, 'MiB'),
        row(`start ${total} projects (16 at a time)`, startSeconds, 's'),
        row(`wave of ${total} reminders: recorded and e-mailed once`, waveSeconds, 's', null, '< 300 s'),
        row('reminders e-mailed per second in the wave', total / waveSeconds, '/s'),
      ] satisfies Row[];
    } finally {
      for (const worker of workers) await worker.stop();
      await Promise.all([temporal.stop(), smtp.close()]);
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function statSize(file: string): number {
  return ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (statSync(file + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
}
