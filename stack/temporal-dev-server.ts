// Runs `temporal server start-dev` as a child process for the start script and the tests:
// spawns it headless on a port (with a SQLite file, or in memory), waits until the frontend
// really answers, and stops it without leaving a process behind: by stop(), by an exit hook
// when this process exits, and by a watchdog (./watchdog.ts) when this process dies without
// running any hook. With a pid file, a start first deals with a server an earlier run left
// on the same data (./dev-server-pid-file.ts). Imports only the Temporal settings, the CLI
// lookup and those two helpers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { connectClient } from '../temporal.config';
import { clearLeftoverDevServer, removePidFile, writePidFile } from './dev-server-pid-file';
import { requireTemporalCli } from './temporal-cli';
import { startWatchdog } from './watchdog';

export interface DevServerOptions {
  /** Path of the CLI; default: the usual lookup (and install into .venv if missing). */
  cli?: string;
  /** Frontend port; 0 or absent picks a free one. */
  port?: number;
  /** SQLite file (workflows survive a restart); absent: in memory. */
  dbFile?: string;
  ip?: string;
  /** How long the frontend may take to answer (a loaded 2-core machine needs more than 5 s). */
  startTimeoutMs?: number;
  /** Grace between SIGTERM and SIGKILL when stopping. */
  stopGraceMs?: number;
  /** Where the server's own output goes; default: kept, shown only if start fails. */
  log?: (line: string) => void;
  /**
   * Records the server here while it runs; a server found recorded there and still running
   * is stopped first if whoever spawned it is gone, else the start is refused.
   */
  pidFile?: string;
}

export interface DevServer {
  address: string;
  port: number;
  pid: number;
  /** Stops the whole process group: SIGTERM, then SIGKILL after the grace period. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

// Servers still running when this process exits are killed with it, so a crashed test run
// (or a third Ctrl-C) leaves nothing listening.
const running = new Map<ChildProcess, { pidFile?: string }>();
process.once('exit', () => {
  for (const [child, { pidFile }] of running) {
    killGroup(child, 'SIGKILL');
    if (pidFile) rmSync(pidFile, { force: true });
  }
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

const portTaken = (port: number) =>
  `Le port ${port} est déjà pris (par un autre serveur Temporal ?) : arrêtez ce qui l'occupe, ou choisissez un autre port avec TEMPORAL_PORT.`;

async function assertPortFree(port: number, ip: string): Promise<void> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, ip, resolve);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`can't set frontend port ${port}: address already in use\n${portTaken(port)}`);
    throw error;
  } finally {
    await new Promise((resolve) => probe.close(resolve));
  }
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const cli = options.cli ?? requireTemporalCli();
  const port = options.port || (await freePort());
  const ip = options.ip ?? '127.0.0.1';
  const stopGraceMs = options.stopGraceMs ?? 5_000;
  if (options.pidFile) {
    await clearLeftoverDevServer(options.pidFile, { dbFile: options.dbFile, graceMs: stopGraceMs, log: (line) => console.log(line) });
  }
  // Checked before spawning: otherwise the readiness probe may reach whatever server already
  // answers on that port and take it for ours.
  await assertPortFree(port, ip);
  const args = ['server', 'start-dev', '--headless', '--ip', ip, '--port', String(port), '--log-level', 'warn'];
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  // detached: the server gets its own process group, so stop() reaches anything it spawns,
  // and a terminal's Ctrl-C does not: it stops last, after the worker that needs it.
  const child = spawn(cli, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(child, { pidFile: options.pidFile });
  const watchdog = child.pid === undefined ? undefined : startWatchdog(child.pid, { graceMs: stopGraceMs, label: options.dbFile ?? 'in-memory' });
  if (options.pidFile && child.pid !== undefined) {
    writePidFile(options.pidFile, { pid: child.pid, owner: process.pid, port, dbFile: options.dbFile });
  }
  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      if (options.log) options.log(line);
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const exited = once(child, 'exit').then(() => {
    running.delete(child);
    watchdog?.release();
    if (options.pidFile) removePidFile(options.pidFile, child.pid as number);
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    killGroup(child, 'SIGTERM');
    const grace = new Promise<'timeout'>((r) => setTimeout(r, stopGraceMs, 'timeout').unref());
    if ((await Promise.race([exited, grace])) === 'timeout') {
      killGroup(child, 'SIGKILL');
      await exited;
    }
  };

  const address = `${ip}:${port}`;
  const failedEarly = exited.then(() => {
    throw new Error(`« temporal server start-dev » s’est arrêté aussitôt (code ${child.exitCode}) :\n${tail.join('\n')}`);
  });
  try {
    const client = await Promise.race([connectClient({ address, waitMs: options.startTimeoutMs ?? 60_000 }), failedEarly]);
    await client.connection.close();
  } catch (error) {
    await stop();
    const output = tail.join('\n');
    const hint = /address already in use/.test(output) ? `\n${portTaken(port)}` : '';
    throw new Error(`${(error as Error).message}\n--- sortie du serveur Temporal ---\n${output}${hint}`, { cause: error });
  }
  failedEarly.catch(() => undefined);
  return { address, port, pid: child.pid as number, stop };
}
