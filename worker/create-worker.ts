// A Temporal worker for Passerelle: the project workflow (from the cached bundle) and the
// activities wired to a database and a mailer. One worker per process is plenty: a
// project's workflow is small (its engine state) and waits most of the time.
// Imports workflows/ only through the bundle, activities/, db/ types and temporal.config.
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities/create-activities';
import type { Mailer } from '../activities/mailer';
import type { Db } from '../db/database';
import { temporalSettings } from '../temporal.config';
import { workflowBundle } from './workflow-bundle';

export interface WorkerDeps {
  connection: NativeConnection;
  db: Db;
  mailer: Pick<Mailer, 'send'>;
  appUrl: string;
  /** Default: the cached bundle of workflows/. */
  workflowBundle?: { code: string };
  namespace?: string;
  taskQueue?: string;
}

export async function createWorker(deps: WorkerDeps): Promise<Worker> {
  const settings = temporalSettings();
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace ?? settings.namespace,
    taskQueue: deps.taskQueue ?? settings.taskQueue,
    workflowBundle: deps.workflowBundle ?? (await workflowBundle()),
    activities: createActivities({ db: deps.db, mailer: deps.mailer, appUrl: deps.appUrl }),
    // Let a write or a send in progress finish when the worker is asked to stop.
    shutdownGraceTime: '5 seconds',
  });
}
