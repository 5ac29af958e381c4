// Records Temporal histories of full project runs into test/fixtures/histories/, which the
// replay test feeds to Worker.runReplayHistories: a change to workflow code that would break
// running projects then fails CI. `npm run histories:record` (re-run it, and commit the
// files, when such a change is intended and guarded with patched()).
//
// One file per template (`<key>.json`): the default path (first outcome everywhere, values
// that satisfy required fields, dates in the past so `until` timers fire at once), with its
// subprocesses. Plus scenarios for what templates do not reach quickly: reminders and
// escalations firing, a cancel, continue-as-new (every run of the chain).
// Runs on its own dev server (in memory) and an in-memory PGlite; needs no other service.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createLogMailer } from '../activities/mailer';
import { cancelProject, completeTask, startProject, type RunnerDeps } from '../api/project-runner';
import { shippedTemplates } from '../stack/demo/templates';
import { createDatabase } from '../db/database';
import type { Definition } from '../dsl/schema';
import { startDevServer } from '../stack/temporal-dev-server';
import { connectClient, connectNative } from '../temporal.config';
import { createWorker } from '../worker/create-worker';
import { autopilot, projectTree, publish, requiredValues, seedDirectory } from './drive-projects';
import { reviewLoopDefinition, timedDefinition } from './scenarios';

export const HISTORIES_DIR = new URL('../test/fixtures/histories/', import.meta.url).pathname;

Runtime.install({ logger: new DefaultLogger('WARN') });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const started = Date.now();
  const server = await startDevServer();
  const db = await createDatabase({ memory: true });
  const connection = await connectNative({ address: server.address, waitMs: 30_000 });
  const client = await connectClient({ address: server.address, waitMs: 30_000 });
  const worker = await createWorker({ connection, db, mailer: createLogMailer(() => undefined), appUrl: 'http://passerelle.test' });
  const deps: RunnerDeps & { db: typeof db } = { db, client };
  mkdirSync(HISTORIES_DIR, { recursive: true });

  /** Writes the histories of every run of every workflow of the project's tree. */
  const save = async (name: string, projectId: string) => {
    const histories = [];
    for (const id of await projectTree(db, projectId)) {
      const row = await db.selectFrom('projects').select('workflow_id').where('id', '=', id).executeTakeFirstOrThrow();
      const runs = client.workflow.list({ query: `WorkflowId = '${row.workflow_id}'` });
      const runIds: string[] = [];
      for await (const run of runs) runIds.push(run.runId);
      for (const runId of runIds.reverse()) {
        const history = await client.workflow.getHandle(row.workflow_id, runId).fetchHistory();
        histories.push({ workflowId: row.workflow_id, runId, history: JSON.parse(historyToJSON(history)) });
      }
    }
    writeFileSync(join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify({ name, histories }, null, 1)}\n`);
    console.log(`  ${name}.json: ${histories.length} run(s)`);
  };

  const start = async (document: Definition, input: Record<string, unknown>, bindings: Record<string, string[]>, extra = {}) => {
    const result = await startProject(deps, { title: document.name, definition: { key: document.key, version: 1, document }, input, bindings, ...extra });
    if (!result.ok) throw new Error(`${document.key}: ${JSON.stringify(result.refusal)}`);
    return result.projectId;
  };
  const waitFinished = async (projectId: string) => {
    const row = await db.selectFrom('projects').select('workflow_id').where('id', '=', projectId).executeTakeFirstOrThrow();
    await client.workflow.getHandle(row.workflow_id).result();
  };

  await worker.runUntil(async () => {
    const templates = shippedTemplates();
    const keys = templates.map((t) => t.key);
    const documents = Object.fromEntries(templates.map((t) => [t.key, t.document as Definition]));
    for (const key of keys) await publish(db, documents[key]);
    for (const key of keys) {
      const document = documents[key];
      const directory = await seedDirectory(db, document.roles.map((r) => r.key));
      const projectId = await start(document, requiredValues(document), directory.bindings);
      const tasks = await autopilot(deps, projectId, documents, { timeoutMs: 120_000 });
      await waitFinished(projectId);
      console.log(`${key}: ${tasks} tasks completed`);
      await save(key, projectId);
    }

    const directory = await seedDirectory(db, ['agent', 'chef']);
    const agent = directory.actor('agent');

    // Reminder and escalation fire (6 s due, +2 s escalation), then the task is completed.
    const timed = await start(timedDefinition, { ville: 'Lyon' }, directory.bindings);
    await sleep(9_000);
    await completeTask(deps, timed, { task: 'rapport:1', outcome: 'done', actor: agent });
    await waitFinished(timed);
    await save('scenario-timers', timed);

    // Cancelled while a task is open.
    const cancelled = await start(reviewLoopDefinition, {}, directory.bindings);
    await sleep(500);
    await cancelProject(deps, cancelled, { reason: 'Abandon', actor: agent });
    await waitFinished(cancelled);
    await save('scenario-cancel', cancelled);

    // Loops past the continue-as-new threshold, with a refused update on the way.
    const looping = await start(reviewLoopDefinition, {}, directory.bindings, { continueAsNewAfter: 40 });
    await completeTask(deps, looping, { task: 'review:1', outcome: 'nope', values: {}, actor: agent });
    for (let n = 1; n <= 8; n++) {
      const r = await completeTask(deps, looping, { task: `review:${n}`, outcome: 'again', values: { avis: `tour ${n}` }, actor: agent });
      if (!r.ok) throw new Error(JSON.stringify(r.refusal));
    }
    await sleep(1_000);
    await completeTask(deps, looping, { task: 'review:9', outcome: 'approved', values: { avis: 'bon' }, actor: agent });
    await waitFinished(looping);
    await save('scenario-continue-as-new', looping);
  });

  await connection.close();
  await client.connection.close();
  await server.stop();
  await db.destroy();
  console.log(`histories recorded in ${HISTORIES_DIR} (${Math.round((Date.now() - started) / 1000)} s)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
