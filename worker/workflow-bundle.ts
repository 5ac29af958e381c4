// Bundles the workflow code once and reuses it: in memory for the life of the process, and
// on disk (node_modules/.cache) keyed by a hash of the sources it is built from, so test
// files and restarts skip the ~2–5 s webpack run when nothing changed. Imports only
// Temporal's worker package.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WORKFLOWS_PATH = join(ROOT, 'workflows', 'index.ts');
const SOURCE_DIRS = ['workflows', 'dsl'];
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'passerelle');

let inMemory: Promise<WorkflowBundleWithSourceMap> | undefined;

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const dir of SOURCE_DIRS) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      if (!name.endsWith('.ts')) continue;
      hash.update(`${dir}/${name}\0`).update(readFileSync(join(ROOT, dir, name)));
    }
  }
  // A new SDK version changes the bundle too.
  hash.update(readFileSync(join(ROOT, 'node_modules', '@temporalio', 'workflow', 'package.json')));
  return hash.digest('hex').slice(0, 20);
}

async function build(): Promise<WorkflowBundleWithSourceMap> {
  const file = join(CACHE_DIR, `workflow-bundle-${sourceHash()}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as WorkflowBundleWithSourceMap;
  } catch {
    // Not cached yet.
  }
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(bundle));
    renameSync(tmp, file); // Atomic: parallel test files never read half a bundle.
    for (const old of readdirSync(CACHE_DIR)) {
      if (old.startsWith('workflow-bundle-') && join(CACHE_DIR, old) !== file && !old.endsWith('.tmp')) {
        rmSync(join(CACHE_DIR, old), { force: true });
      }
    }
  } catch {
    // A read-only tree only loses the cache.
  }
  return bundle;
}

/** The workflow bundle, built at most once per process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  inMemory ??= build().catch((error) => {
    inMemory = undefined;
    throw error;
  });
  return inMemory;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
