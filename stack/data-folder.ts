// The embedded stack's data folder (PASSERELLE_DATA_DIR): `pg/` (PGlite) and `temporal.db`
// (the Temporal dev server's SQLite, with its -wal/-shm companions while open). Backup and
// restore copy both together, and only while no stack uses the folder: a copy taken while
// either is being written could pair a read model with a history it does not match.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TEMPORAL_FILES = ['temporal.db', 'temporal.db-wal', 'temporal.db-shm'] as const;

export function dataFolder(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PASSERELLE_DATA_DIR ?? './data');
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Why the folder looks in use, in French, or undefined when it is free: the stack's
 * `temporal.pid` names a live process, a process has the folder's temporal.db on its
 * command line (the dev server the stack spawned), or PGlite's lock file is there
 * (left by a stack that was killed: `--force` goes ahead anyway).
 */
export function folderInUse(dir: string): { reason: string; forceable: boolean } | undefined {
  const pidFile = join(dir, 'temporal.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) return { reason: `le serveur Temporal de ce dossier tourne (pid ${pid})`, forceable: false };
  }
  if (process.platform !== 'win32') {
    const dbFile = join(dir, 'temporal.db');
    const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
    const user = (ps.stdout ?? '').split('\n').find((line) => line.includes(dbFile) && !line.includes('ps -eo'));
    if (user) return { reason: `un processus utilise ${dbFile} (pid ${user.trim().split(/\s+/)[0]})`, forceable: false };
  }
  if (existsSync(join(dir, 'pg', 'postmaster.pid'))) {
    return { reason: 'la base embarquée est marquée ouverte (pg/postmaster.pid)', forceable: true };
  }
  return undefined;
}

export const sha256File = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** For the command-line scripts: the French message on stderr, exit code 1. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
