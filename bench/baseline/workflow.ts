// The end-to-end bench's baseline: what a developer would write by hand in bare Temporal for
// a line of N tasks, with no engine. The same round trips as Passerelle: one update per
// completion that returns once one activity has written the step (the same rows: project,
// tasks, events) to the same database. Bundled on its own; imports only Temporal.
import { ApplicationFailure, allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

export const baselineComplete = defineUpdate<{ open: string[] }, [string]>('baselineComplete');

const { writeBaselineStep } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds', backoffCoefficient: 2 },
});

export async function baselineProject(input: { projectId: string; tasks: string[] }): Promise<void> {
  const { projectId, tasks } = input;
  let current = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = (step: Parameters<typeof writeBaselineStep>[0]) => (writing = writing.then(() => writeBaselineStep(step)));
  void write({ projectId, seq: 1, at: Date.now(), closed: null, opened: tasks[0] ?? null });
  setHandler(
    baselineComplete,
    async (task) => {
      const next = tasks[current + 1] ?? null;
      current += 1;
      await write({ projectId, seq: current + 1, at: Date.now(), closed: task, opened: next });
      return { open: next ? [next] : [] };
    },
    {
      validator: (task) => {
        if (task !== tasks[current]) throw ApplicationFailure.nonRetryable(`task ${task} is not open`, 'task_not_open');
      },
    },
  );
  await condition(() => current >= tasks.length && allHandlersFinished());
  await writing;
}
