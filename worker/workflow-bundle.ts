// Bundles the workflow code once and reuses it: in memory for the life of the process, and
// on disk (node_modules/.cache) keyed by a hash of the sources it is built from, so test
// files and restarts skip the ~2–5 s webpack run when nothing changed. The webpack run
// itself happens in a short-lived child process: in ours it left ~100 MiB resident for
// good (measured on `npm start`: 411 → 507 MiB at rest after a GC). Imports only Temporal's
// worker package (types).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';

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
  const json = await bundleInChildProcess();
  const bundle = JSON.parse(json) as WorkflowBundleWithSourceMap;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, json);
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

// Plain JavaScript run by `node` itself (no tsx: webpack compiles the TypeScript): the bundle
// as JSON on stdout, webpack's warnings and errors on stderr.
const BUNDLER = `
import { bundleWorkflowCode } from '@temporalio/worker';
const noop = () => undefined;
const logger = { trace: noop, debug: noop, info: noop, warn: console.warn, error: console.error, log: noop };
const bundle = await bundleWorkflowCode({ workflowsPath: process.argv[1], logger });
process.stdout.write(JSON.stringify(bundle));
`;

function bundleInChildProcess(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', BUNDLER, WORKFLOWS_PATH], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString();
      if (code === 0) {
        if (stderr) process.stderr.write(stderr);
        resolve(Buffer.concat(out).toString());
      } else {
        reject(new Error(`the workflow bundle could not be built (exit ${code ?? signal}):\n${stderr}`));
      }
    });
  });
}
