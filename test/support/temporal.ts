// Temporal for integration tests: one dev server per test file (in memory unless a file is
// given, on a free port, found by the same CLI lookup as `npm start`), the workflow bundle
// built once per process (and cached on disk), and a worker wired to a test database and
// mailer that runs in the background until stopped.
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, type NativeConnection, type Worker } from '@temporalio/worker';
import type { Mailer } from '../../activities/mailer';
import type { Db } from '../../db/database';
import { startDevServer, type DevServer, type DevServerOptions } from '../../stack/temporal-dev-server';
import { connectClient, connectNative } from '../../temporal.config';
import { createWorker } from '../../worker/create-worker';
import { workflowBundle } from '../../worker/workflow-bundle';

// Worker state changes at INFO drown the test output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Installed already in this process.
}

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

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
