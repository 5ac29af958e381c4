// Writes a project's steps to the read model one after the other, in order, outside any
// cancellation, and has the e-mails a step left waiting sent. Workflow code: imports only
// @temporalio/workflow and this folder.
import { CancellationScope, log } from '@temporalio/workflow';
import type { StepRecord } from './activity-contract';
import { recordStep, sendNotifications } from './project-activities';
import type { WorkInFlight } from './work-in-flight';

/** Records a step after the ones before it; resolves once it is written. */
export type RecordStep = (step: StepRecord) => Promise<void>;

export function createStepRecorder(work: WorkInFlight): RecordStep {
  let recording: Promise<unknown> = Promise.resolve();
  return (step) => {
    const done = recording.then(() =>
      CancellationScope.nonCancellable(async () => {
        const { unsent } = await recordStep(step);
        if (unsent > 0) {
          // Not awaited by the caller: an SMTP outage must not hold up task completion.
          void work.track(
            CancellationScope.nonCancellable(() => sendNotifications({ projectId: step.project.id })).catch((error) =>
              log.warn('e-mails not sent', { error: String(error) }),
            ),
          );
        }
      }),
    );
    recording = done;
    return work.track(done);
  };
}
