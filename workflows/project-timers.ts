// The durable timers the engine asked for, each in its own cancellation scope so the engine
// can call one off. Workflow code: imports only @temporalio/workflow.
import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

export interface ProjectTimers {
  /** Sleeps until `at` (epoch ms), then calls `fired` with the instant it was due. */
  schedule(id: string, at: number): void;
  cancel(id: string): void;
}

export function createProjectTimers(fired: (id: string, at: number) => void): ProjectTimers {
  const scopes = new Map<string, CancellationScope>();
  return {
    schedule(id, at) {
      const scope = new CancellationScope();
      scopes.set(id, scope);
      void scope
        .run(() => sleep(Math.max(1, at - Date.now())))
        .then(
          () => {
            scopes.delete(id);
            fired(id, at);
          },
          (error) => {
            if (!isCancellation(error)) throw error;
          },
        );
    },
    cancel(id) {
      scopes.get(id)?.cancel();
      scopes.delete(id);
    },
  };
}
