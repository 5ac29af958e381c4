// The activities as the workflow sees them (timeouts and retries), and the failure that
// carries an engine refusal to the caller. Workflow code: imports only @temporalio/workflow
// and types.
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Refusal } from '../dsl/engine-types';
import type { ProjectActivities } from './activity-contract';

// Writing the read model must eventually succeed: no attempt limit, so a database outage
// only delays the project. The short timeout lets a new worker take over quickly from one
// that died in the middle of an attempt.
export const { recordStep, loadDefinition } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});
// E-mails are retried for a day, then left for the next step's attempt (they stay in the
// database and the app either way), so a dead SMTP server cannot hold a project open forever.
export const { sendNotifications } = proxyActivities<ProjectActivities>({
  startToCloseTimeout: '60 seconds',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

/** How a refusal leaves the workflow: non-retryable, typed by its code, the Refusal in details[0]. */
export function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({
    type: refusal.code,
    message: refusal.message,
    details: [refusal],
    nonRetryable: true,
  });
}
