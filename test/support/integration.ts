// The setting shared by integration test files: a fresh PostgreSQL database, a Temporal dev
// server, an in-process SMTP server, and a worker, started before the file's tests and
// stopped after them. `useIntegration()` registers the hooks and returns the live context.
import { afterAll, beforeAll } from 'vitest';
import { createSmtpMailer, type Mailer } from '../../activities/mailer';
import type { RunnerDeps } from '../../api/project-runner';
import type { Db } from '../../db/database';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestSmtpServer, type TestSmtpServer } from './smtp';
import { startTestTemporal, startTestWorker, type RunningWorker, type TestTemporal } from './temporal';

export interface IntegrationContext {
  database: TestDatabase;
  db: Db;
  temporal: TestTemporal;
  smtp: TestSmtpServer;
  mailer: Mailer;
  /** Replaced when a test restarts the worker. */
  worker: RunningWorker | undefined;
  deps: RunnerDeps;
}

export function useIntegration(options: { worker?: boolean } = {}): IntegrationContext {
  const context = {} as IntegrationContext;
  beforeAll(async () => {
    const [database, temporal, smtp] = await Promise.all([createTestDatabase(), startTestTemporal(), startTestSmtpServer()]);
    const mailer = createSmtpMailer(smtp.url);
    Object.assign(context, {
      database,
      db: database.db,
      temporal,
      smtp,
      mailer,
      deps: { db: database.db, client: temporal.client },
      worker:
        options.worker === false ? undefined : await startTestWorker({ address: temporal.address, db: database.db, mailer }),
    });
  });
  afterAll(async () => {
    await context.worker?.stop();
    await context.mailer?.close();
    await Promise.all([context.temporal?.stop(), context.smtp?.close()]);
    await context.database?.drop();
  });
  return context;
}
