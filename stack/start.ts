// `npm start`: the whole of Passerelle in one process tree. On its embedded defaults it
// spawns the Temporal dev server (SQLite in <data>/temporal.db), opens PGlite in <data>/pg,
// runs the worker and serves the HTTP API on HOST:PORT (127.0.0.1 by default: the demo
// accounts' password is public, so reaching it from the network is a choice). TEMPORAL_ADDRESS and DATABASE_URL switch
// to an external cluster and database, and then nothing is spawned; with DATABASE_URL,
// PASSERELLE_WORKER=0 leaves the worker to separate processes (worker/main.ts). Ctrl-C, SIGTERM or
// SIGHUP stops everything in reverse order and exits 0 (see ./shutdown.ts for a second and a
// third Ctrl-C, and ./README.md for what keeps the dev server from outliving this process).
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Runtime, type Worker } from '@temporalio/worker';
import { createMailerFromEnv } from '../activities/mailer';
import { createApp } from '../api/app';
import { createDatabase } from '../db/database';
import { hasActiveAdministrator } from '../db/queries/users';
import { connectClient, connectNative, temporalSettings } from '../temporal.config';
import { createWorker } from '../worker/create-worker';
import { DEMO_PASSWORD, DEMO_SIGN_IN, DEMO_USERS, hasDemoAccounts } from './demo/directory';
import { isEmptyDatabase, seedDemoWorld } from './demo/world';
import { collectGarbage, memoryLog } from './memory';
import { httpServerStop, readStopTimeoutMs, Shutdown } from './shutdown';
import { startDevServer } from './temporal-dev-server';
import { ensureWebAppBuilt } from './web-build';

function readPort(env: NodeJS.ProcessEnv): number {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT doit être un numéro de port (0 à 65535), pas « ${env.PORT} ».`);
  return port;
}

/**
 * Whether this process runs a worker beside the API (PASSERELLE_WORKER, default 1). 0 serves
 * the API alone, for APIs and workers scaled separately; it needs DATABASE_URL, since the
 * embedded database cannot be shared with the worker processes that then do the work.
 */
function readWorkerSetting(env: NodeJS.ProcessEnv): boolean {
  const value = env.PASSERELLE_WORKER ?? '1';
  if (value !== '0' && value !== '1') throw new Error(`PASSERELLE_WORKER doit valoir 1 (un worker dans ce processus) ou 0 (l’API seule), pas « ${value} ».`);
  if (value === '0' && !env.DATABASE_URL) {
    throw new Error('PASSERELLE_WORKER=0 demande DATABASE_URL : la base embarquée ne se partage pas avec des workers lancés à part (node --import tsx worker/main.ts).');
  }
  return value === '1';
}

/** Where the HTTP server listens: this machine only, unless HOST says otherwise (0.0.0.0: every interface). */
export const DEFAULT_HOST = '127.0.0.1';

async function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<ServerType> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, () => resolvePromise(server));
    server.once('error', reject);
  });
}

/** The worker of this process, with its connection and mailer, stopped in reverse order on the way out. */
async function startWorker(shutdown: Shutdown, deps: { address: string; db: Awaited<ReturnType<typeof createDatabase>>; appUrl: string }): Promise<Worker> {
  const mailer = createMailerFromEnv();
  shutdown.add({ name: 'mailer', stop: () => mailer.close() });
  const connection = await connectNative({ address: deps.address, waitMs: 60_000 });
  shutdown.add({ name: 'connexion du worker', stop: () => connection.close() });
  const worker = await createWorker({ connection, db: deps.db, mailer, appUrl: deps.appUrl });
  const workerRun = worker.run();
  shutdown.add({
    name: 'worker',
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
    },
  });
  workerRun.catch((error) => {
    console.error('Le worker s’est arrêté :', error);
    void shutdown.stop('arrêt du worker', 1);
  });
  return worker;
}

async function main(): Promise<void> {
  const env = process.env;
  const port = readPort(env);
  const host = env.HOST || DEFAULT_HOST;
  const dataDir = resolve(env.PASSERELLE_DATA_DIR ?? './data');
  const settings = temporalSettings(env);
  const stopTimeoutMs = readStopTimeoutMs(env);
  const memory = memoryLog(env);
  memory('modules loaded');
  // Pieces started so far, stopped in reverse order on the way out.
  const shutdown = new Shutdown({ timeoutMs: stopTimeoutMs });
  shutdown.listen();
  // The SDK would otherwise start draining the worker on the first SIGINT by itself, before
  // the requests in progress (which may need it) are answered: the stop is ours to order.
  Runtime.install({ shutdownSignals: [] });

  // Built (when stale) while Temporal and the database start: both take seconds.
  const webBuild = ensureWebAppBuilt((line) => console.log(line));
  webBuild.catch(() => undefined);
  try {
    const runsWorker = readWorkerSetting(env);
    let temporalAddress = settings.address;
    if (!env.TEMPORAL_ADDRESS) {
      console.log(`Démarrage du serveur Temporal embarqué (port ${settings.devServer.port}, ${settings.devServer.dbFile})…`);
      const devServer = await startDevServer({
        port: settings.devServer.port,
        dbFile: settings.devServer.dbFile,
        pidFile: settings.devServer.pidFile,
        stopGraceMs: stopTimeoutMs,
      });
      shutdown.add({ name: 'serveur Temporal embarqué', stop: devServer.stop, essential: true });
      temporalAddress = devServer.address;
      memory('temporal dev server');
    }

    const databaseLabel = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite embarqué (${join(dataDir, 'pg')})`;
    console.log(`Ouverture de la base : ${databaseLabel}…`);
    const db = await createDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: join(dataDir, 'pg') });
    // PGlite is written by this process alone: a hurried stop still closes it.
    memory('database');
    shutdown.add({ name: 'base de données', stop: () => db.destroy(), essential: !env.DATABASE_URL });

    const client = await connectClient({ address: temporalAddress, waitMs: 60_000 });
    shutdown.add({ name: 'client Temporal', stop: () => client.connection.close() });
    const publicUrl = env.APP_URL ?? `http://localhost:${port}`;
    // The API alone (PASSERELLE_WORKER=0) starts workflows and sends them updates; the
    // workers run elsewhere, and only they send e-mail.
    const worker = runsWorker ? await startWorker(shutdown, { address: temporalAddress, db, appUrl: publicUrl }) : undefined;
    memory('worker');

    // A first embedded start shows a populated world rather than an empty screen (README
    // lists the accounts). Never on a production database: the demo administrator's
    // password is public. `npm run seed:demo` seeds one on purpose.
    const seeded = !env.DATABASE_URL && (await isEmptyDatabase(db));
    if (seeded) {
      console.log('Base vide : création du monde de démonstration…');
      await seedDemoWorld({ db, client, taskQueue: settings.taskQueue, log: (line: string) => console.log(`  ${line}`) });
      memory('demo seed');
    }

    const health = async () => ({
      temporal: await client.workflowService.getSystemInfo({}).then(() => true, () => false),
      database: await db.selectFrom('organizations').select('id').limit(1).execute().then(() => true, () => false),
      ...(worker ? { worker: worker.getState() === 'RUNNING' } : {}),
    });
    const webAppDir = await webBuild;
    const trustedProxies = env.TRUSTED_PROXIES?.split(',');
    const app = createApp({ db, temporal: { client, taskQueue: settings.taskQueue }, health, publicUrl, webAppDir, demo: env.DATABASE_URL ? undefined : DEMO_SIGN_IN, trustedProxies });
    const server = await listen(app, port, host);
    shutdown.add({ name: 'serveur HTTP', stop: httpServerStop(server as Server) });

    if (!(await hasActiveAdministrator(db))) {
      console.log('Aucun administrateur ne peut se connecter : créez-en un avec npm run admin -- create <e-mail> (README, « Locked out? »).');
    }
    console.log(`\nPasserelle est prête : ${publicUrl}`);
    console.log(`  santé : ${publicUrl}/healthz · API : ${publicUrl}/api/openapi.json · Temporal : ${temporalAddress}`);
    if (!worker) console.log('  sans worker (PASSERELLE_WORKER=0) : les projets avancent grâce aux workers lancés à part (node --import tsx worker/main.ts).');
    if (host !== DEFAULT_HOST) console.log(`  à l’écoute sur ${host}:${port} (HOST)`);
    // At every start on the demo data, not only the one that seeded it: whoever starts it
    // again next week needs the accounts too (and to know that anyone may use them).
    if (!env.DATABASE_URL && (seeded || (await hasDemoAccounts(db)))) {
      console.log(`  comptes de démonstration : ${DEMO_USERS.federation.email} et les autres du README, mot de passe « ${DEMO_PASSWORD} »`);
    }
    console.log('  Ctrl-C pour arrêter.');
    memory('ready');
    // Once the SDK has let go of its evaluation of the workflow bundle (10 s after the worker
    // was created), the garbage of the whole start-up goes in one collection (./memory.ts).
    setTimeout(() => {
      collectGarbage();
      memory('collected');
    }, 10_000).unref();
  } catch (error) {
    console.error(`Passerelle n'a pas pu démarrer : ${(error as Error).message}`);
    await shutdown.stop('échec du démarrage', 1);
  }
}

void main();
