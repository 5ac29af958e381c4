// Temporal for integration tests: one dev server per test file (in memory unless a file is
// given, on a free port, found by the same CLI lookup as `npm start`), the workflow bundle
// built once per process (and cached on disk), and a worker wired to a test database and
// mailer that runs in the background until stopped.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { IllegalStateError } from '@temporalio/common';
import { DefaultLogger, Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import type { Mailer } from '../../activities/mailer';
import type { Db } from '../../db/database';
import { startDevServer, type DevServer, type DevServerOptions } from '../../stack/temporal-dev-server';
import { connectClient, connectNative } from '../../temporal.config';
import { createWorker } from '../../worker/create-worker';
import { workflowBundle } from '../../worker/workflow-bundle';

/**
 * Installs the Temporal runtime with a quiet logger (worker state changes at INFO drown the
 * test output; warnings and errors still show). The runtime is one per process and outlives
 * a test file's modules, so a later file finds it installed: that one refusal is expected,
 * any other (a worker created before the install, a bad option) is an error.
 */
export function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch (error) {
    if (!(error instanceof IllegalStateError && error.message === 'Runtime singleton has already been installed')) throw error;
  }
}

installQuietRuntime();

export interface TestTemporal {
  server: DevServer;
  address: string;
  client: Client;
  stop(): Promise<void>;
}

export async function startTestTemporal(options: Pick<DevServerOptions, 'dbFile' | 'port'> = {}): Promise<TestTemporal> {
  // Built while the server starts: both take seconds.
  const [server] = await Promise.all([startDevServer(options), workflowBundle()]);
  const client = await connectClient({ address: server.address, waitMs: 30_000 });
  return {
    server,
    address: server.address,
    client,
    async stop() {
      await client.connection.close();
      await server.stop();
    },
  };
}

export interface RunningWorker {
  worker: Worker;
  connection: NativeConnection;
  /** Shuts the worker down (work in progress may finish) and closes its connection. */
  stop(): Promise<void>;
}

export async function startTestWorker(deps: {
  address: string;
  db: Db;
  mailer: Pick<Mailer, 'send'>;
  appUrl?: string;
}): Promise<RunningWorker> {
  const connection = await connectNative({ address: deps.address, waitMs: 30_000 });
  const worker = await createWorker({
    connection,
    db: deps.db,
    mailer: deps.mailer,
    appUrl: deps.appUrl ?? 'http://passerelle.test',
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  return {
    worker,
    connection,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/**
 * What the workflow still has to do before only an outside event (an update, a timer) can
 * move it: a workflow task, activities (a step's record, an e-mail). Empty when it is idle.
 */
export async function pendingWork(handle: WorkflowHandle): Promise<string[]> {
  const { raw } = await handle.describe();
  return [
    ...(raw.pendingWorkflowTask ? ['workflow task'] : []),
    ...(raw.pendingActivities ?? []).map((a) => `activity ${a.activityType?.name ?? '?'}`),
  ];
}
