// `npm run rebuild-read-model`: refills an empty read model from Temporal (see
// worker/rebuild-read-model.ts). Database: DATABASE_URL, else the embedded PGlite in
// $PASSERELLE_DATA_DIR/pg (stop `npm start` first). Temporal: as `npm run seed:demo`.
// The database is migrated first; its directory (users, organizations, definitions) must
// already be there, its projects empty.
import { join, resolve } from 'node:path';
import { createDatabase } from '../db/database';
import { rebuildReadModel } from '../worker/rebuild-read-model';
import { connectTemporal, type ConnectedTemporal } from './connect-temporal';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const db = await createDatabase(url ? { url } : { pgliteDir: join(resolve(process.env.PASSERELLE_DATA_DIR ?? './data'), 'pg') });
  let temporal: ConnectedTemporal | undefined;
  try {
    temporal = await connectTemporal('npm run rebuild-read-model');
    await rebuildReadModel({ db, client: temporal.client, log: (line) => console.log(line) });
    console.log('Modèle de lecture reconstruit.');
  } finally {
    await temporal?.client.connection.close();
    await temporal?.server?.stop();
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
