// `npm run seed:demo`: fills the database with the demonstration world (api/seed/demo-world).
// Database: DATABASE_URL, else the embedded PGlite in $PASSERELLE_DATA_DIR/pg (default
// ./data/pg; stop `npm start` first, an embedded database has one process at a time).
// Temporal: TEMPORAL_ADDRESS (from temporal.config.ts); when it is not set and nothing
// answers on the default port, the embedded dev server is started on the data directory's
// SQLite file, as `npm start` does. A worker runs in this process while seeding, so the
// demo projects reach their phases even when no other worker is up. Running it twice
// changes nothing.
import { join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { createMailerFromEnv } from '../activities/mailer';
import { seedDemoWorld } from '../api/seed/demo-world';
import { createDatabase } from '../db/database';
import { startDevServer, type DevServer } from '../stack/temporal-dev-server';
import { connectClient, connectNative, temporalSettings } from '../temporal.config';
import { createWorker } from '../worker/create-worker';

async function connectTemporal(): Promise<{ client: Client; address: string; server?: DevServer }> {
  const settings = temporalSettings();
  try {
    return { client: await connectClient({ waitMs: 5_000 }), address: settings.address };
  } catch (error) {
    if (process.env.TEMPORAL_ADDRESS) {
      throw new Error(
        `Temporal injoignable à ${settings.address} (TEMPORAL_ADDRESS). Démarrez le serveur Temporal ou corrigez l’adresse, puis relancez npm run seed:demo.`,
        { cause: error },
      );
    }
  }
  console.log(`Aucun Temporal sur ${settings.address} : démarrage du serveur embarqué (${settings.devServer.dbFile}).`);
  const server = await startDevServer({
    dbFile: settings.devServer.dbFile,
    pidFile: settings.devServer.pidFile,
    port: settings.devServer.port,
    startTimeoutMs: 60_000,
  }).catch(
    (error: unknown) => {
      throw new Error(
        `Temporal injoignable à ${settings.address}, et le serveur embarqué n’a pas démarré : ${String(error)}. ` +
          'Lancez npm start, ou définissez TEMPORAL_ADDRESS.',
        { cause: error },
      );
    },
  );
  return { client: await connectClient({ address: server.address, waitMs: 30_000 }), address: server.address, server };
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const dataDir = resolve(process.env.PASSERELLE_DATA_DIR ?? './data');
  const db = await createDatabase(url ? { url } : { pgliteDir: join(dataDir, 'pg') });
  const mailer = createMailerFromEnv();
  let temporal: Awaited<ReturnType<typeof connectTemporal>> | undefined;
  try {
    temporal = await connectTemporal();
    const connection = await connectNative({ address: temporal.address, waitMs: 30_000 });
    const worker = await createWorker({ connection, db, mailer, appUrl: process.env.APP_URL ?? 'http://localhost:3000' });
    const running = worker.run();
    try {
      const report = await seedDemoWorld({ db, client: temporal.client, taskQueue: temporalSettings().taskQueue, log: (line) => console.log(line) });
      console.log(
        report.projectsStarted === 0
          ? 'Monde de démonstration déjà en place : rien à faire.'
          : `Monde de démonstration prêt (${report.projectsStarted} projets démarrés). Mot de passe des comptes : passerelle-demo`,
      );
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  } finally {
    await temporal?.client.connection.close();
    await temporal?.server?.stop();
    await mailer.close();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
