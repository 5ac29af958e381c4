// The memory of the Node process at start-up: an optional log of its phases, which
// bench/at-rest.ts reads to say where the memory goes, and the one full garbage collection
// that returns start-up's garbage once the server is up.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const mib = (bytes: number) => Math.round(bytes / 1048576);

/** With PASSERELLE_MEMORY_LOG set, one line on stderr per phase: `[memory] <phase> rss=<MiB> heap=<MiB>`. */
export function memoryLog(env: NodeJS.ProcessEnv): (phase: string) => void {
  if (!env.PASSERELLE_MEMORY_LOG) return () => undefined;
  return (phase) => {
    const { rss, heapUsed } = process.memoryUsage();
    console.error(`[memory] ${phase} rss=${mib(rss)} heap=${mib(heapUsed)}`);
  };
}

/**
 * One full garbage collection. Start-up leaves garbage that V8 keeps resident while the
 * server idles, since an idle server allocates too little to trigger a collection: mostly
 * the Temporal SDK's evaluation of the workflow bundle in a throwaway context of the main
 * thread (kept 10 s for debuggers, ~20 MiB of heap), then migrations and the demo seed.
 * Measured on the embedded `npm start`: 30–45 MiB less resident at rest.
 */
export function collectGarbage(): void {
  // `gc` without --expose-gc on the command line: exposed in one new context, then the flag
  // is switched off again so that no later context (the workflow sandbox) sees it.
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as () => void)();
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
