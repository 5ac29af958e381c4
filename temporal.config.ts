// The one place that says where Temporal is and how we talk to it: address, namespace,
// task queue, the embedded dev server's options, and the one connection helper for clients
// (API, scripts, tests) and workers. Read from the environment at call time, so a test or a
// script can point it elsewhere without re-importing. Imports only Temporal's client and
// worker packages; nothing from the project.
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export const TASK_QUEUE = 'passerelle';
export const DEFAULT_PORT = 7233;

export interface TemporalSettings {
  /** host:port of the frontend. */
  address: string;
  namespace: string;
  taskQueue: string;
  devServer: {
    port: number;
    /** SQLite file of the embedded dev server; its workflows and timers survive restarts. */
    dbFile: string;
    /** Where the running dev server is recorded, so a later start can find a leftover one. */
    pidFile: string;
    headless: boolean;
  };
}

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const port = env.TEMPORAL_PORT ? Number(env.TEMPORAL_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`TEMPORAL_PORT doit être un numéro de port (1 à 65535), pas ${JSON.stringify(env.TEMPORAL_PORT)}.`);
  }
  const dataDir = resolve(env.PASSERELLE_DATA_DIR ?? './data');
  return {
    address: env.TEMPORAL_ADDRESS ?? `127.0.0.1:${port}`,
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: TASK_QUEUE,
    devServer: { port, dbFile: join(dataDir, 'temporal.db'), pidFile: join(dataDir, 'temporal.pid'), headless: true },
  };
}

export interface ConnectOptions {
  address?: string;
  namespace?: string;
  /**
   * Keep retrying for this long while the frontend does not answer. The SDK's own connect
   * gives up after a few seconds, which a freshly spawned dev server on a loaded two-core
   * machine can miss. 0 (the default) tries once.
   */
  waitMs?: number;
}

async function withRetry<T>(what: string, waitMs: number, attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() + pause > deadline) {
        throw new Error(`${what} : pas de réponse après ${Math.round(waitMs / 1000)} s (${String(error)})`, { cause: error });
      }
      await delay(pause);
    }
  }
}

/** A client for starting workflows, sending updates and queries (API, scripts, tests). */
export async function connectClient(options: ConnectOptions = {}): Promise<Client> {
  const settings = temporalSettings();
  const address = options.address ?? settings.address;
  const connection = await withRetry(`Temporal sur ${address}`, options.waitMs ?? 0, async () => {
    const c = await Connection.connect({
      address,
      connectTimeout: 5_000,
      // The SDK retries an unreachable server 10 times over about 20 s, which holds an
      // HTTP request that long; 5 attempts (about 2 s) let the API answer 503 while
      // Temporal is down, and a client retry does the rest.
      interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: Number(process.env.TEMPORAL_CLIENT_ATTEMPTS ?? 5) }))],
    });
    try {
      // connect() is lazy about the server being ready: ask it something real.
      await c.workflowService.getSystemInfo({});
      return c;
    } catch (error) {
      await c.close();
      throw error;
    }
  });
  return new Client({ connection, namespace: options.namespace ?? settings.namespace });
}

/** The connection a worker polls with. Close it after the worker has shut down. */
export async function connectNative(options: Omit<ConnectOptions, 'namespace'> = {}): Promise<NativeConnection> {
  const address = options.address ?? temporalSettings().address;
  return withRetry(`Temporal sur ${address}`, options.waitMs ?? 0, () => NativeConnection.connect({ address }));
}
