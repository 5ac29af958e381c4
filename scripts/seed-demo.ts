// `npm run seed:demo`: fills the database with the demonstration world (stack/demo/world.ts).
// Database: DATABASE_URL, else the embedded PGlite in $PASSERELLE_DATA_DIR/pg (default
// ./data/pg; stop `npm start` first, an embedded database has one process at a time).
// Temporal: TEMPORAL_ADDRESS (from temporal.config.ts); when it is not set and nothing
// answers on the default port, the embedded dev server is started on the data directory's
// SQLite file, as `npm start` does. A worker runs in this process while seeding, so the
// demo projects reach their phases even when no other worker is up. Running it twice
// changes nothing.
import { join, resolve } from 'node:path';
import { createMailerFromEnv } from '../activities/mailer';
import { seedDemoWorld } from '../stack/demo/world';
import { createDatabase } from '../db/database';
import { connectNative, temporalSettings } from '../temporal.config';
import { createWorker } from '../worker/create-worker';
import { connectTemporal, type ConnectedTemporal } from './connect-temporal';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const dataDir = resolve(process.env.PASSERELLE_DATA_DIR ?? './data');
  const db = await createDatabase(url ? { url } : { pgliteDir: join(dataDir, 'pg') });
  const mailer = createMailerFromEnv();
  let temporal: ConnectedTemporal | undefined;
  try {
    temporal = await connectTemporal('npm run seed:demo');
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
