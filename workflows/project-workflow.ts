// The interpreter: one workflow per project, a thin loop around the pure engine (dsl/engine).
// start → record → run commands → wait for the next event (update, timer, child result) →
// apply → record … This file registers the handlers and waits; project-driver.ts keeps the
// engine state and carries out its commands; activities only write the read model and send
// mail. Deterministic: imports only dsl/ and @temporalio/workflow (and this folder).
import { CancellationScope, allHandlersFinished, condition, continueAsNew, isCancellation, setHandler } from '@temporalio/workflow';
import {
  cancelSignal,
  cancelUpdate,
  completeTaskUpdate,
  stateQuery,
  type CancelArgs,
  type ProjectInput,
  type ProjectSummary,
} from './messages';
import { refusalFailure } from './project-activities';
import { createProjectDriver, type Stepped } from './project-driver';
import { cancelEvent, completeTaskEvent } from './project-events';

/** An update's answer: the summary once its step is written, or the engine's refusal. */
async function answer(step: () => Stepped): Promise<ProjectSummary> {
  const stepped = step();
  if ('refusal' in stepped) throw refusalFailure(stepped.refusal);
  await stepped.recorded;
  return stepped.summary;
}

export async function projectWorkflow(input: ProjectInput): Promise<ProjectSummary> {
  const driver = createProjectDriver(input);
  driver.begin();

  // Registered once the state exists: updates that came with the first activation are
  // validated as soon as their handler is set.
  setHandler(stateQuery, () => driver.current());
  setHandler(completeTaskUpdate, (args) => answer(() => driver.step(completeTaskEvent(args))), {
    validator: (args) => driver.validate(completeTaskEvent(args).event),
  });
  setHandler(cancelUpdate, (args) => answer(() => driver.step(cancelEvent(args))), {
    validator: (_args: CancelArgs) => driver.validate({ type: 'cancel' }),
  });
  setHandler(cancelSignal, (args) => {
    driver.step(cancelEvent(args)); // A refusal here means it is already over.
  });

  const idle = () => driver.idle() && allHandlersFinished();
  try {
    for (;;) {
      await condition(() => driver.finished() || driver.shouldContinueAsNew());
      await condition(idle);
      if (driver.finished()) break;
      if (driver.shouldContinueAsNew()) {
        return await continueAsNew<typeof projectWorkflow>({ ...input, resume: driver.current() });
      }
    }
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // The workflow itself was cancelled (e.g. from the Temporal UI): end it as the engine would.
    await CancellationScope.nonCancellable(async () => {
      if (!driver.finished()) driver.step(cancelEvent({ reason: 'Annulé dans Temporal' }));
      await condition(idle);
    });
  }
  return driver.summary();
}
