// A watchdog for a process group this process spawned detached (the Temporal dev server):
// a tiny `sh` that waits on a pipe from this process. When this process ends in any way,
// even `kill -9` or a crash that runs no exit hook, the kernel closes the pipe, the read
// returns, and the watchdog stops the group (SIGTERM, then SIGKILL after the grace). A
// normal stop writes `done` instead, and the watchdog leaves quietly. Reading a pipe needs
// no polling and cannot be fooled by a reused pid. POSIX only, like the process groups.
// Imports nothing from the project.
import { spawn } from 'node:child_process';

// $1: the group to guard, $2: the grace in seconds, $3: a label for people reading `ps`.
// One line, so `ps` shows it on one line.
const SCRIPT = [
  'IFS= read -r word && [ "$word" = done ] && exit 0',
  'kill -TERM -"$1" 2>/dev/null || exit 0',
  'i=0',
  'while [ "$i" -lt "$2" ] && kill -0 -"$1" 2>/dev/null; do sleep 1; i=$((i+1)); done',
  'kill -KILL -"$1" 2>/dev/null',
  'exit 0',
].join('; ');

export interface Watchdog {
  pid: number | undefined;
  /** The group stopped in order (or ended by itself): the watchdog leaves without a signal. */
  release(): void;
}

export function startWatchdog(groupId: number, options: { graceMs: number; label: string }): Watchdog {
  const graceSeconds = String(Math.max(1, Math.ceil(options.graceMs / 1000)));
  const child = spawn('/bin/sh', ['-c', SCRIPT, 'passerelle-watchdog', String(groupId), graceSeconds, options.label], {
    // Its own session: a terminal's Ctrl-C or hang-up, meant for us, must not reach it.
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  // It must never keep this process alive, nor crash it if it is gone already.
  child.unref();
  child.on('error', () => undefined);
  child.stdin!.on('error', () => undefined);
  let released = false;
  return {
    pid: child.pid,
    release() {
      if (released) return;
      released = true;
      child.stdin!.end('done\n');
    },
  };
}
