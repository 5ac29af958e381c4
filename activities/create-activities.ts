// The activities the project workflow calls, built from their dependencies so tests can
// pass their own database and mailer. They own every side effect of a project: the read
// model in PostgreSQL and the e-mails. Imports db/, the mailer and workflows/ types (never
// workflow code itself).
import type { Db } from '../db/database';
import type { ProjectActivities } from '../workflows/activity-contract';
import { loadDefinition } from './load-definition';
import type { Mailer } from './mailer';
import { recordStep } from './record-step';
import { sendNotifications } from './send-notifications';

export interface ActivityDeps {
  db: Db;
  mailer: Pick<Mailer, 'send'>;
  /** Base URL of the web app, for links in e-mails (e.g. http://localhost:3000). */
  appUrl: string;
}

export function createActivities(deps: ActivityDeps): ProjectActivities {
  return {
    recordStep: (step) => recordStep(deps.db, step),
    sendNotifications: ({ projectId }) => sendNotifications(deps, projectId),
    loadDefinition: ({ key }) => loadDefinition(deps.db, key),
  };
}
