// The pid file of the embedded Temporal dev server (`<data>/temporal.pid`): written when the
// server is spawned, removed when it has stopped. A start that finds one whose server still
// runs knows it holds the data folder's `temporal.db` and, most likely, the frontend port:
// if the process that spawned it is gone (a run killed without its stop, before this file
// and the watchdog existed, or with the watchdog killed too) it stops that leftover; if that
// process still runs, another Passerelle is using the folder, and the start refuses, saying
// in French what to do. Imports nothing from the project.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

export interface DevServerRecord {
  /** The server's pid, which is also its process group (it is spawned detached). */
  pid: number;
  /** The process that spawned it (`npm start`'s Node process). */
  owner: number;
  port: number;
  /** Its --db-filename: how to tell it from an unrelated process that reuses the pid. */
  dbFile?: string;
}

export function writePidFile(path: string, record: DevServerRecord): void {
  writeFileSync(path, `${JSON.stringify(record)}\n`);
}

/** Removes the file if it still names this server (a later start may have rewritten it). */
export function removePidFile(path: string, pid: number): void {
  if (readPidFile(path)?.pid === pid) rmSync(path, { force: true });
}

function readPidFile(path: string): DevServerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as DevServerRecord;
    return Number.isInteger(record.pid) && record.pid > 0 && Number.isInteger(record.owner) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** The process as `ps` sees it, or undefined if it is gone (a zombie counts as gone). */
function processInfo(pid: number): { ppid: number; args: string } | undefined {
  const ps = spawnSync('ps', ['-o', 'stat=', '-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  const match = /^\s*(\S+)\s+(\d+)\s+(.*)$/.exec(ps.stdout.trim());
  if (ps.status !== 0 || !match || match[1].startsWith('Z')) return undefined;
  return { ppid: Number(match[2]), args: match[3] };
}

async function gone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (processInfo(pid)) {
    if (Date.now() > deadline) return false;
    await delay(100);
  }
  return true;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Before spawning a dev server on `dbFile`: deals with the one a pid file says may still run
 * there. Returns once nothing holds it; throws, in French, when this start must not go on.
 */
export async function clearLeftoverDevServer(
  path: string,
  options: { dbFile?: string; graceMs: number; log: (line: string) => void },
): Promise<void> {
  const record = readPidFile(path);
  const info = record && processInfo(record.pid);
  const isOurs = info && /\bserver start-dev\b/.test(info.args) && (!record.dbFile || info.args.includes(record.dbFile));
  if (!record || !isOurs) {
    rmSync(path, { force: true }); // Its server is gone, or the pid now belongs to someone else.
    return;
  }
  const { pid, owner } = record;
  if (info.ppid === owner && owner !== process.pid) {
    throw new Error(
      `Passerelle tourne déjà sur ce dossier de données (${dirname(path)}) : son serveur Temporal (pid ${pid}) ` +
        `appartient au processus ${owner}. Arrêtez ce Passerelle d'abord (Ctrl-C dans son terminal, ou « kill ${owner} »), ` +
        "ou donnez à celui-ci un autre dossier avec PASSERELLE_DATA_DIR.",
    );
  }
  options.log(`Un serveur Temporal laissé par une exécution précédente tourne encore (pid ${pid}) : arrêt…`);
  try {
    signalGroup(pid, 'SIGTERM');
    if (!(await gone(pid, options.graceMs))) {
      signalGroup(pid, 'SIGKILL');
      if (!(await gone(pid, options.graceMs))) throw new Error('still running');
    }
  } catch (error) {
    const how = (error as NodeJS.ErrnoException).code === 'EPERM' ? `« sudo kill ${pid} »` : `« kill -9 ${pid} »`;
    throw new Error(
      `Le serveur Temporal d'une exécution précédente (pid ${pid}) tient encore ${options.dbFile ?? 'ses données'} ` +
        `et ne peut pas être arrêté d'ici : arrêtez-le avec ${how}, puis relancez.`,
      { cause: error },
    );
  }
  rmSync(path, { force: true });
}
