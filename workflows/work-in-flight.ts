// Counts the work a project started and has not seen finish (step records, e-mail sends,
// child starts and results): the workflow ends or continues as new only when none is left.
// Pure (promises only); imports nothing.

export interface WorkInFlight {
  /** Counts the promise until it settles, either way; returns it unchanged. */
  track<T>(promise: Promise<T>): Promise<T>;
  idle(): boolean;
}

export function createWorkInFlight(): WorkInFlight {
  let busy = 0;
  return {
    track<T>(promise: Promise<T>): Promise<T> {
      busy += 1;
      return promise.finally(() => {
        busy -= 1;
      });
    },
    idle: () => busy === 0,
  };
}
