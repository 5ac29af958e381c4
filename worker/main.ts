// The standalone worker process for production (`tsx worker/main.ts`): polls the Passerelle
// task queue until SIGINT/SIGTERM. Environment: TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE),
// DATABASE_URL (required: the embedded PGlite cannot be shared between processes), SMTP_URL
// (without it e-mails are only logged), APP_URL (links in e-mails).
import { createMailerFromEnv } from '../activities/mailer';
import { createDatabase } from '../db/database';
import { connectNative } from '../temporal.config';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required for a standalone worker');
  const db = await createDatabase({ url });
  const mailer = createMailerFromEnv();
  const connection = await connectNative({ waitMs: 60_000 });
  try {
    const worker = await createWorker({
      connection,
      db,
      mailer,
      appUrl: process.env.APP_URL ?? 'http://localhost:3000',
    });
    console.log(`worker polling task queue "${worker.options.taskQueue}" on ${process.env.TEMPORAL_ADDRESS ?? 'the default address'}`);
    await worker.run(); // Returns after SIGINT/SIGTERM, once work in progress is done.
  } finally {
    await connection.close();
    await mailer.close();
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
