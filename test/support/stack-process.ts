// Runs `npm start`'s entry point as a real child process on free ports and a data folder of
// its own, for tests of the one-command start: wait until /healthz says ready, stop it with
// a signal (to it, or to its whole process group as a terminal does), hold a request in
// progress, and find by process id what it left behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '../../stack/temporal-dev-server';

const ROOT = join(import.meta.dirname, '..', '..');
const START_SCRIPT = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;

export interface StackProcess {
  url: string;
  temporalPort: number;
  child: ChildProcess;
  output: string[];
  /** Its exit code (null if a signal ended it). */
  exited: Promise<number | null>;
  /** Sends a signal to it, or to its whole process group as a terminal does. */
  kill(signal: NodeJS.Signals, options?: { group?: boolean }): void;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Its processes now: itself and everything it spawned (which may sit in groups of their own). */
  processes(): ProcessRecord[];
  /** Stops reading its output, as a terminal window that closes: its writes fail from then on. */
  closeOutput(): void;
}

// A failed assertion must not leave a stack running: whatever is still up when the test
// process exits gets the same SIGTERM a person's Ctrl-C would send.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

export async function startStack(
  dataDir: string,
  options: { port?: number; temporalPort?: number; env?: NodeJS.ProcessEnv; viaNpm?: boolean } = {},
): Promise<StackProcess> {
  const port = options.port ?? (await freePort());
  const temporalPort = options.temporalPort ?? (await freePort());
  const output: string[] = [];
  // viaNpm: exactly what a person types, so signals go to npm and must reach the stack.
  // Otherwise the very command of `npm start` without npm in between: it execs, so the
  // child's pid ends up being Node's.
  const [command, args] = options.viaNpm ? ['npm', ['start']] : ['sh', ['-c', START_SCRIPT]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(port), TEMPORAL_PORT: String(temporalPort), PASSERELLE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, as a terminal gives a command: a test can signal the group the
    // way a terminal does, and still reach whatever npm leaves behind.
    detached: true,
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  running.add(child);
  const exited = once(child, 'exit').then(([code]) => {
    running.delete(child);
    return code as number | null;
  });
  const url = `http://127.0.0.1:${port}`;
  // Its own polling loop, not test/support/wait.ts: bench/ runs this outside vitest, where
  // vi.waitFor cannot run.
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output.join('')}`);
    // Ready means this very process said so (another one might hold the port) and answers.
    const said = output.join('').includes('Passerelle est prête');
    const healthy = said && (await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false));
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`npm start was not healthy in time:\n${output.join('')}`);
    }
    await delay(500);
  }
  return {
    url,
    temporalPort,
    child,
    output,
    exited,
    kill(signal, { group = false } = {}) {
      process.kill(group ? -child.pid! : child.pid!, signal);
    },
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
    processes: () => processTree(child.pid!),
    closeOutput() {
      child.stdout!.destroy();
      child.stderr!.destroy();
    },
  };
}

export interface ProcessRecord {
  pid: number;
  args: string;
}

function processTable(): Array<ProcessRecord & { ppid: number; zombie: boolean }> {
  const ps = spawnSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return ps.stdout.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    return match ? [{ pid: Number(match[1]), ppid: Number(match[2]), zombie: match[3].startsWith('Z'), args: match[4] }] : [];
  });
}

/** The process `root` and all its descendants, as they are now. */
export function processTree(root: number): ProcessRecord[] {
  const table = processTable();
  const tree: ProcessRecord[] = [];
  for (let level = table.filter((p) => p.pid === root); level.length > 0; ) {
    tree.push(...level.map(({ pid, args }) => ({ pid, args })));
    const parents = new Set(level.map((p) => p.pid));
    level = table.filter((p) => parents.has(p.ppid));
  }
  return tree;
}

/** Those of `processes` still running (the same pid with the same command line, not a zombie). */
export function survivors(processes: ProcessRecord[]): ProcessRecord[] {
  const running = processTable().filter((p) => !p.zombie);
  return processes.filter((p) => running.some((r) => r.pid === p.pid && r.args === p.args));
}

export interface HeldRequest {
  /** Sends the rest of the request. */
  finish(): void;
  /** Resolves when the server closes the connection, with everything it sent. */
  closed: Promise<string>;
}

/**
 * A login request in progress: the server has read its headers (it answered 100 Continue)
 * and waits for the body, which comes only at finish().
 */
export async function holdRequest(url: string): Promise<HeldRequest> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ email: 'personne@passerelle.demo', password: 'pas-le-bon' });
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  socket.setEncoding('utf8');
  let received = '';
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  const continued = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes('100 Continue')) resolve();
    });
    void closed.then(() => reject(new Error(`the server closed the held request: ${received}`)));
  });
  socket.write(
    `POST /api/auth/login HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
  );
  await continued;
  return { finish: () => socket.write(body), closed };
}

/** Pids of processes whose command line mentions `needle` (the data folder, say). */
export function processesMentioning(needle: string): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes(needle) && !line.includes('ps -eo'))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => pid !== process.pid);
}

/** Signs in as the demo federation account and returns a JSON caller for `<url>/api`. */
export async function signInToStack(url: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'federation@passerelle.demo', password: 'passerelle-demo' }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status}`);
  const cookie = response.headers.get('set-cookie')!.split(';')[0];
  const { csrf_token } = (await response.json()) as { csrf_token: string };
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${url}/api${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf_token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as any };
  };
}
