// Outages on the real stack, each service made unreachable through a TCP proxy (the
// services themselves keep running; other people share the PostgreSQL server):
// - PostgreSQL: projects keep advancing in Temporal, their activities retry, the API
//   answers 503 problem+json at once, and after recovery every step is in the read model
//   exactly once, with each completion's audit row. The outage lasts until every project's write has failed several times
//   (a few seconds here rather than the 30 s: the retry behaviour is the same,
//   only the backoff grows, up to 30 s between attempts).
// - Temporal: writes answer 503, reads from PostgreSQL keep working, and the same request
//   (same Idempotency-Key) succeeds once Temporal is back, with nothing done by hand.
// - SMTP: completions do not wait for e-mail; once the server is back every notification
//   is received exactly once.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, type Mailer } from '../../activities/mailer';
import { createApp } from '../../api/app';
import { getEngineState, workflowIdFor } from '../../api/project-runner';
import { createDatabase, type Db } from '../../db/database';
import { connectClient, TASK_QUEUE } from '../../temporal.config';
import { completeTaskUpdate } from '../../workflows/messages';
import { caller, type Caller, type TestApi } from '../support/api';
import { twoStepsWithNotice } from '../support/definitions';
import { useIntegration } from '../support/integration';
import { publish, seedDirectory, type Directory } from '../../scripts/drive-projects';
import { endpointOf, startTcpProxy, throughProxy, type TcpProxy } from '../support/tcp-proxy';
import { startTestWorker, type RunningWorker } from '../support/temporal';
import { waitUntil } from '../support/wait';
import { createApiToken } from '../../api/auth/api-tokens';

const PROJECTS = 6;

const notifyStep = twoStepsWithNotice({ key: 'panne', name: 'Traverser une panne' });

describe('outages of PostgreSQL, Temporal and SMTP', () => {
  const ctx = useIntegration({ worker: false });
  let proxies: { pg: TcpProxy; temporal: TcpProxy; smtp: TcpProxy };
  let db: Db;
  let client: Client;
  let mailer: Mailer;
  let worker: RunningWorker;
  let directory: Directory;
  let api: Caller;
  let admin: Caller;

  beforeAll(async () => {
    proxies = {
      pg: await startTcpProxy(endpointOf(ctx.database.url)),
      temporal: await startTcpProxy(endpointOf(ctx.temporal.address)),
      smtp: await startTcpProxy(endpointOf(ctx.smtp.url)),
    };
    // The app and the worker reach every service through its proxy.
    db = await createDatabase({ url: throughProxy(ctx.database.url, proxies.pg) });
    client = await connectClient({ address: proxies.temporal.address, waitMs: 30_000 });
    mailer = createSmtpMailer(throughProxy(ctx.smtp.url, proxies.smtp));
    worker = await startTestWorker({ address: proxies.temporal.address, db, mailer });
    directory = await seedDirectory(ctx.db, ['agent']);
    await publish(ctx.db, notifyStep);
    const app = createApp({ db, temporal: { client, taskQueue: TASK_QUEUE } });
    const testApi = { app } as TestApi;
    api = caller(testApi, { authorization: `Bearer ${(await createApiToken(ctx.db, directory.users.agent.id, 'pannes')).token}` });
    const adminUser = await ctx.db
      .insertInto('users')
      .values({ email: `admin.${randomUUID().slice(0, 8)}@passerelle.test`, name: 'Admin', password_hash: null, is_admin: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    admin = caller(testApi, { authorization: `Bearer ${(await createApiToken(ctx.db, adminUser.id, 'pannes')).token}` });
  });

  afterAll(async () => {
    await worker?.stop();
    await client?.connection.close();
    await mailer?.close();
    await db?.destroy();
    for (const proxy of Object.values(proxies ?? {})) await proxy.close();
  });

  const startProjects = async (count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = await admin.json('POST', '/api/projects', { definition_key: notifyStep.key, title: `Panne ${randomUUID().slice(0, 6)}`, bindings: directory.bindings });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ids.push(created.body.id);
    }
    return ids;
  };

  /** Until every project's pending activity has failed at least `attempts` times. */
  const pendingActivitiesFailed = (ids: string[], attempts: number) =>
    waitUntil(
      async () => {
        for (const id of ids) {
          const { raw } = await ctx.temporal.client.workflow.getHandle(workflowIdFor(id)).describe();
          if (!(raw.pendingActivities ?? []).some((a) => (a.attempt ?? 0) >= attempts)) return false;
        }
        return true;
      },
      60_000,
      `activities retried ${attempts} times`,
    );

  const expectProblem503 = async (response: Response) => {
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: 'https://passerelle.dev/problems/unavailable', status: 503 });
  };

  /** Every step of the project written once: seq 1..last in the events, last = the workflow's. */
  const expectWrittenOnce = async (id: string) => {
    const { seq } = await getEngineState({ client: ctx.temporal.client }, id);
    const project = await ctx.db.selectFrom('projects').select('last_seq').where('id', '=', id).executeTakeFirstOrThrow();
    expect(project.last_seq).toBe(seq);
    const seqs = (await ctx.db.selectFrom('events').select('seq').distinct().where('project_id', '=', id).orderBy('seq').execute()).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seq }, (_, k) => k + 1));
  };

  const emailsOf = async (ids: string[]) => {
    const rows = await ctx.db.selectFrom('notifications').select(['id', 'emailed_at']).where('project_id', 'in', ids).execute();
    return rows.map((n) => ({ ...n, received: ctx.smtp.received.filter((m) => m.messageId.includes(n.id)).length }));
  };

  it('keeps projects advancing through a PostgreSQL outage, answers 503 meanwhile, and writes every step once', async () => {
    const ids = await startProjects(PROJECTS);
    await proxies.pg.cut();
    const outageStart = Date.now();
    // The API fails at once with a problem, whatever the route.
    for (const path of ['/api/projects', `/api/projects/${ids[0]}`, '/api/tasks']) await expectProblem503(await api.request('GET', path));
    await expectProblem503(await api.request('POST', `/api/projects/${ids[0]}/tasks/a:1/complete`, { outcome: 'done' }));
    const answeredMs = Date.now() - outageStart;
    // The projects advance anyway: Temporal takes the completions, the writes retry.
    const completing = ids.map((id) =>
      ctx.temporal.client.workflow
        .getHandle(workflowIdFor(id))
        .executeUpdate(completeTaskUpdate, { args: [{ task: 'a:1', outcome: 'done', values: {}, actor: directory.actor('agent') }] }),
    );
    // Five failed attempts of the write: about 8 s of outage with the workflow's backoff.
    await pendingActivitiesFailed(ids, Number(process.env.PASSERELLE_OUTAGE_ATTEMPTS ?? 5));
    const outageMs = Date.now() - outageStart;
    await proxies.pg.restore();
    await Promise.all(completing);
    for (const id of ids) await expectWrittenOnce(id);
    // The completions' audit rows, written with their steps: once each, whatever the retries.
    const trail = await ctx.db.selectFrom('audit_events').select(['project_id', 'actor_user_id']).where('project_id', 'in', ids).where('type', '=', 'task.completed').execute();
    expect(trail.map((a) => a.project_id).sort()).toEqual([...ids].sort());
    expect(new Set(trail.map((a) => a.actor_user_id))).toEqual(new Set([directory.users.agent.id]));
    const tasks = await ctx.db.selectFrom('tasks').select(['task_id', 'status']).where('project_id', 'in', ids).execute();
    expect(tasks.filter((t) => t.task_id === 'a:1' && t.status === 'completed')).toHaveLength(PROJECTS);
    expect(tasks.filter((t) => t.task_id === 'b:1' && t.status === 'open')).toHaveLength(PROJECTS);
    // The API is back without anything done by hand.
    expect((await api.json('GET', `/api/projects/${ids[0]}`)).status).toBe(200);
    await waitUntil(async () => (await emailsOf(ids)).every((n) => n.emailed_at !== null), 60_000, 'e-mails sent');
    const emails = await emailsOf(ids);
    expect(emails).toHaveLength(PROJECTS);
    expect(emails.map((n) => n.received)).toEqual(ids.map(() => 1));
    console.log(`[faults] PostgreSQL outage: ${outageMs} ms (4 requests answered 503 in ${answeredMs} ms), ${PROJECTS} projects, ${tasks.length} task rows checked, ${emails.length} e-mails received once`);
  }, 120_000);

  it('answers writes 503 while Temporal is unreachable, keeps reads working, and recovers by itself', async () => {
    const [id] = await startProjects(1);
    await proxies.temporal.cut();
    try {
      expect((await api.json('GET', `/api/projects/${id}`)).body.open_tasks.map((t: any) => t.task_id)).toEqual(['a:1']);
      expect((await api.json('GET', '/api/tasks')).status).toBe(200);
      const key = { 'idempotency-key': randomUUID() };
      const t = Date.now();
      await expectProblem503(await api.request('POST', `/api/projects/${id}/tasks/a:1/complete`, { outcome: 'done' }, key));
      await expectProblem503(await admin.request('POST', '/api/projects', { definition_key: notifyStep.key, title: 'Pendant la panne', bindings: directory.bindings }));
      console.log(`[faults] Temporal outage: two writes answered 503 in ${Date.now() - t} ms, reads answered 200`);
      await proxies.temporal.restore();
      // The very same request, retried as a client would, goes through once Temporal answers.
      await expect
        .poll(async () => (await api.request('POST', `/api/projects/${id}/tasks/a:1/complete`, { outcome: 'done' }, key)).status, { timeout: 60_000, interval: 500 })
        .toBe(200);
    } finally {
      await proxies.temporal.restore();
    }
    await expectWrittenOnce(id);
    const completions = await ctx.db.selectFrom('audit_events').select('id').where('project_id', '=', id).where('type', '=', 'task.completed').execute();
    expect(completions).toHaveLength(1);
  }, 120_000);

  it('sends every notification exactly once after an SMTP outage, without holding up completions', async () => {
    const ids = await startProjects(PROJECTS);
    await proxies.smtp.cut();
    try {
      for (const id of ids) expect((await api.json('POST', `/api/projects/${id}/tasks/a:1/complete`, { outcome: 'done' })).status).toBe(200);
      expect((await emailsOf(ids)).every((n) => n.emailed_at === null && n.received === 0)).toBe(true);
      await pendingActivitiesFailed(ids, 2);
    } finally {
      await proxies.smtp.restore();
    }
    await waitUntil(async () => (await emailsOf(ids)).every((n) => n.emailed_at !== null), 90_000, 'e-mails sent');
    const emails = await emailsOf(ids);
    expect(emails.map((n) => n.received)).toEqual(ids.map(() => 1));
    console.log(`[faults] SMTP outage: ${emails.length} notifications, each received once`);
  }, 150_000);
});
