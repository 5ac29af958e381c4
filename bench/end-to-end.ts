// Section "end-to-end": Passerelle's durable path against bare Temporal. N projects of a
// 10-task line, each started and driven to completion by 16 concurrent clients: through the
// HTTP API on the embedded stack (Temporal dev server, PGlite, worker and API in this
// process, as `npm start` runs them), then, in the same run on the same Temporal server and
// database, a hand-written workflow (bench/baseline/) with the same update round trips and
// one activity per step writing the same rows, driven by the same loop straight through
// @temporalio/client. Latency is from "complete task" to the next task being visible in the
// assignee's inbox (GET /api/tasks; the baseline reads the same inbox query in-process).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { KyselyPlugin } from 'kysely';
import { createApp } from '../api/app';
import { createApiToken } from '../api/auth/api-tokens';
import type { CurrentUser } from '../api/app-env';
import { createDatabase, type Db } from '../db/database';
import { inbox } from '../db/queries/tasks';
import { freePort } from '../stack/temporal-dev-server';
import { startTestTemporal, startTestWorker } from '../test/support/temporal';
import { baselineActivities } from './baseline/activities';
import { baselineComplete } from './baseline/workflow';
import { generateChain } from './generate-definition';
import { nowMs, quantile, row, type Row, type Section } from './section';

const TASKS = 10;
const CLIENTS = 16;
const BASELINE_QUEUE = 'passerelle-bench-baseline';

interface RunFigures {
  seconds: number;
  projects: number;
  completions: number;
  latencies: number[];
}

/** Counts the queries a Kysely instance sends (the API side's, here). */
function queryCounter(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => n,
  };
}

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, Math.min(2 * (attempt + 1), 20)));
  }
}

/** The shared loop: `clients` workers take project numbers until `total` are done. */
async function drive(total: number, clients: number, project: (n: number, client: number, latencies: number[]) => Promise<void>): Promise<RunFigures> {
  let next = 0;
  const latencies: number[] = [];
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = next++; n < total; n = next++) await project(n, client, latencies);
    }),
  );
  return { seconds: (nowMs() - t0) / 1000, projects: total, completions: total * TASKS, latencies };
}

export const endToEndSection: Section = {
  name: 'end-to-end',
  describe: `projects of a ${TASKS}-task line driven through the HTTP API by ${CLIENTS} clients, against hand-written Temporal code`,
  async run({ quick, log }) {
    const total = quick ? 20 : 1_000;
    const definition = generateChain(TASKS);
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-e2e-'));
    log('end-to-end: Temporal dev server, PGlite, workers');
    const [temporal, baselineBundle, db] = await Promise.all([
      startTestTemporal(),
      bundleWorkflowCode({ workflowsPath: join(import.meta.dirname, 'baseline', 'workflow.ts'), logger: quietLogger }),
      createDatabase({ pgliteDir: join(dir, 'pg') }),
    ]);
    let server: ServerType | undefined;
    const stops: Array<() => Promise<unknown>> = [];
    try {
      // The directory: an admin who starts projects, and one organization and assignee per client.
      const admin = await db.insertInto('users').values({ email: 'admin@bench.passerelle', name: 'Admin', password_hash: null, is_admin: true }).returning('id').executeTakeFirstOrThrow();
      const assignees: Array<{ user: CurrentUser; token: string }> = [];
      for (let c = 0; c < CLIENTS; c++) {
        const org = await db.insertInto('organizations').values({ name: `Association ${c}`, kind: 'association', academie: 'Lyon', region: null }).returning('id').executeTakeFirstOrThrow();
        const user = await db.insertInto('users').values({ email: `assoc${c}@bench.passerelle`, name: `Assoc ${c}`, password_hash: null, is_admin: false }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('memberships').values({ user_id: user.id, organization_id: org.id }).execute();
        const { token } = await createApiToken(db, user.id, 'bench');
        assignees.push({ user: { id: user.id, isAdmin: false, organizationIds: [org.id] } as CurrentUser, token });
      }
      const adminToken = (await createApiToken(db, admin.id, 'bench')).token;
      await db.insertInto('definitions').values({ key: definition.key, name: definition.name, draft: null, draft_updated_at: null, updated_by: null }).execute();
      await db.insertInto('definition_versions').values({ key: definition.key, version: 1, document: JSON.stringify(definition), published_by: null }).execute();

      const worker = await startTestWorker({ address: temporal.address, db, mailer: { send: async () => undefined } });
      stops.push(() => worker.stop());
      const baselineConnection = await NativeConnection.connect({ address: temporal.address });
      const baselineWorker = await Worker.create({
        connection: baselineConnection,
        taskQueue: BASELINE_QUEUE,
        workflowBundle: baselineBundle,
        activities: baselineActivities(db),
      });
      const baselineRun = baselineWorker.run();
      stops.push(async () => {
        baselineWorker.shutdown();
        await baselineRun;
        await baselineConnection.close();
      });

      const counter = queryCounter();
      const apiDb = db.withPlugin(counter.plugin) as Db;
      const app = createApp({ db: apiDb, temporal: { client: temporal.client, taskQueue: 'passerelle' }, publicUrl: 'http://passerelle.bench' });
      const port = await freePort();
      server = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
      });
      const base = `http://127.0.0.1:${port}`;
      const http = async (token: string, method: string, path: string, body?: unknown) => {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        const text = await response.text();
        if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
        return JSON.parse(text) as any;
      };
      const inboxTask = (token: string, projectId: string) =>
        http(token, 'GET', '/api/tasks').then((page: { items: Array<{ project_id: string; task_id: string }> }) =>
          page.items.find((t) => t.project_id === projectId)?.task_id);

      // Passerelle: start through the API, then complete each task as its assignee.
      const passerelleProject = async (n: number, client: number, latencies: number[]) => {
        const { token, user } = assignees[client];
        const created = await http(adminToken, 'POST', '/api/projects', {
          definition_key: definition.key,
          title: `Projet ${n}`,
          bindings: { association: user.organizationIds },
        });
        let task = await until(() => inboxTask(token, created.id), 'the first task');
        for (let i = 0; i < TASKS; i++) {
          const t0 = nowMs();
          await http(token, 'POST', `/api/projects/${created.id}/tasks/${encodeURIComponent(task)}/complete`, { outcome: 'done' });
          if (i < TASKS - 1) {
            const previous = task;
            task = await until(async () => {
              const t = await inboxTask(token, created.id);
              return t && t !== previous ? t : undefined;
            }, 'the next task');
          } else {
            await until(async () => ((await inboxTask(token, created.id)) ? undefined : true), 'an empty inbox');
          }
          latencies.push(nowMs() - t0);
        }
      };

      // Bare Temporal: the same loop, the same rows, no engine and no HTTP.
      const client: Client = temporal.client;
      const baselineProjectRun = async (n: number, c: number, latencies: number[]) => {
        const { user } = assignees[c];
        const id = crypto.randomUUID();
        const workflowId = `baseline-${id}`;
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('projects').values({
            id, workflow_id: workflowId, title: `Baseline ${n}`, definition_key: definition.key, definition_version: 1,
            result: null, phase: null, next_due_at: null, academie: 'Lyon', parent_project_id: null, created_by: admin.id, finished_at: null,
          }).execute();
          await trx.insertInto('project_participants').values({ project_id: id, role: 'association', organization_id: user.organizationIds[0] }).execute();
          await client.workflow.start('baselineProject', {
            workflowId, taskQueue: BASELINE_QUEUE, args: [{ projectId: id, tasks: definition.nodes.filter((x) => x.type === 'task').map((x) => `${x.id}:1`) }],
          });
        });
        const handle = client.workflow.getHandle(workflowId);
        const visible = () => inbox(db, user, {}, new Date()).then((page) => page.items.find((t) => t.project_id === id)?.task_id);
        let task = await until(visible, 'the first baseline task');
        for (let i = 0; i < TASKS; i++) {
          const t0 = nowMs();
          await handle.executeUpdate(baselineComplete, { args: [task] });
          const previous = task;
          if (i < TASKS - 1) task = await until(async () => { const t = await visible(); return t && t !== previous ? t : undefined; }, 'the next baseline task');
          latencies.push(nowMs() - t0);
        }
        await handle.result();
      };

      // Warm-up (and the query count of one completion on the API side, measured alone).
      log('end-to-end: warm-up');
      await drive(2, 1, baselineProjectRun);
      await drive(2, 1, passerelleProject);
      const probe = await http(adminToken, 'POST', '/api/projects', { definition_key: definition.key, title: 'Sonde', bindings: { association: assignees[0].user.organizationIds } });
      const probeTask = await until(() => inboxTask(assignees[0].token, probe.id), 'the probe task');
      const before = counter.count();
      await http(assignees[0].token, 'POST', `/api/projects/${probe.id}/tasks/${encodeURIComponent(probeTask)}/complete`, { outcome: 'done' });
      const queriesPerCompletion = counter.count() - before;
      const probeHistory = await temporal.client.workflow.getHandle(`project-${probe.id}`).fetchHistory();
      void probeHistory;

      log(`end-to-end: bare Temporal, ${total} projects`);
      const baseline = await drive(total, CLIENTS, baselineProjectRun);
      log(`end-to-end: Passerelle through the API, ${total} projects`);
      const passerelle = await drive(total, CLIENTS, passerelleProject);

      // History sizes of one finished project of each kind.
      const lastPasserelle = await db.selectFrom('projects').select('workflow_id').where('title', '=', `Projet 0`).where('status', '=', 'completed').executeTakeFirstOrThrow();
      const lastBaseline = await db.selectFrom('projects').select('workflow_id').where('title', '=', `Baseline 0`).executeTakeFirstOrThrow();
      const historyOf = async (workflowId: string) => {
        const history = await temporal.client.workflow.getHandle(workflowId).fetchHistory();
        return { events: history.events?.length ?? 0 };
      };
      const [pHistory, bHistory] = await Promise.all([historyOf(lastPasserelle.workflow_id), historyOf(lastBaseline.workflow_id)]);

      const perSecond = (f: RunFigures, x: number) => x / f.seconds;
      const target = '≥ 0.8 (aim 0.9)';
      const rows: Row[] = [
        row('projects per second', perSecond(passerelle, passerelle.projects), '/s', perSecond(baseline, baseline.projects), target, 'bare Temporal, same loop'),
        row('task completions per second', perSecond(passerelle, passerelle.completions), '/s', perSecond(baseline, baseline.completions), target, 'bare Temporal, same loop'),
        row('complete → next task in inbox, p50', quantile(passerelle.latencies, 0.5), 'ms', quantile(baseline.latencies, 0.5), null, 'bare Temporal, same loop'),
        row('complete → next task in inbox, p95', quantile(passerelle.latencies, 0.95), 'ms', quantile(baseline.latencies, 0.95), null, 'bare Temporal, same loop'),
        row('complete → next task in inbox, p99', quantile(passerelle.latencies, 0.99), 'ms', quantile(baseline.latencies, 0.99), null, 'bare Temporal, same loop'),
        row('history events per finished project', pHistory.events, 'events', bHistory.events, null, 'bare Temporal workflow'),
        row('API queries per task completion', queriesPerCompletion, 'queries'),
        row(`wall time, ${total} projects × ${TASKS} tasks`, passerelle.seconds, 's', baseline.seconds, null, 'bare Temporal'),
      ];
      // Throughput rows read as Passerelle / baseline (higher is better): the ratio is the figure.
      return rows;
    } finally {
      if (server) await new Promise((r) => server!.close(() => r(undefined)));
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      await temporal.stop();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
