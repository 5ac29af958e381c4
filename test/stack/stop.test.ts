// Stopping `npm start` every way a person, or the machine, can. Each case checks by process
// id that nothing the stack started is left, then that a start right after, on the same data
// folder and the same ports, succeeds. That start is the next case's stack: the cases share
// one data folder and run in order (one that fails before its start leaves the next to start
// its own). PASSERELLE_STOP_TIMEOUT is far longer than any case, so that only the signals
// under test can cut a stop short; the first case sets a short one to see the timeout do it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../stack/temporal-dev-server';
import { holdRequest, survivors, startStack, type ProcessRecord, type StackProcess } from '../support/stack-process';

const PATIENT = { PASSERELLE_STOP_TIMEOUT: '600' };
/** How long to wait for what a stack says or does (a loaded two-core machine is slow). */
const SOON = { timeout: 30_000 };

/** A keep-alive connection that has had its answer and now waits idle, as browsers keep them. */
function idleConnection(url: string): Promise<{ closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/healthz`, { agent: new Agent({ keepAlive: true }) }, (res) => {
      const closed = new Promise<void>((r) => res.socket.once('close', () => r()));
      res.resume();
      res.on('end', () => resolve({ closed }));
    });
    req.on('error', reject).end();
  });
}

describe('stopping npm start, however it is stopped', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-stop-'));
  let ports: { port: number; temporalPort: number } | undefined;
  let next: { stack: StackProcess; env: NodeJS.ProcessEnv } | undefined;
  let underTest: ProcessRecord[] = [];
  afterAll(async () => {
    await next?.stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  // A case that failed half-way must not leave the next one a stack still running.
  afterEach(() => {
    for (const { pid } of survivors(underTest)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
    }
    underTest = [];
  });

  /** The stack the previous case started right after its stop, or a new one. */
  async function current(env: NodeJS.ProcessEnv = PATIENT): Promise<StackProcess> {
    ports ??= { port: await freePort(), temporalPort: await freePort() };
    const handed = next;
    next = undefined;
    if (handed && JSON.stringify(handed.env) === JSON.stringify(env)) return handed.stack;
    if (handed) expect(await handed.stack.stop()).toBe(0);
    return startStack(dataDir, { ...ports, env });
  }

  /** Nothing it started is left, and it starts again on the same data folder and ports. */
  async function expectNothingLeftThenStartAgain(processes: ProcessRecord[]): Promise<void> {
    await expect.poll(() => survivors(processes), SOON).toEqual([]);
    const stack = await startStack(dataDir, { ...ports, env: PATIENT });
    next = { stack, env: PATIENT };
    const health = await fetch(`${stack.url}/healthz`).then((r) => r.json());
    expect(health.checks).toEqual({ temporal: true, database: true, worker: true });
  }

  /** Its processes: itself, the Temporal dev server and the dev server's watchdog. */
  function processesOf(stack: StackProcess): ProcessRecord[] {
    const processes = stack.processes();
    underTest = processes;
    expect(processes.map((p) => p.args)).toEqual(
      expect.arrayContaining([expect.stringContaining('server start-dev'), expect.stringContaining('passerelle-watchdog')]),
    );
    return processes;
  }

  const said = (stack: StackProcess) => stack.output.join('');

  it('cuts a request that never ends after PASSERELLE_STOP_TIMEOUT, and stops everything with exit code 0', async () => {
    const stack = await current({ PASSERELLE_STOP_TIMEOUT: '2' });
    expect(said(stack)).toContain('Base vide'); // The first start on this folder seeded it.
    const processes = processesOf(stack);
    const held = await holdRequest(stack.url);
    stack.kill('SIGTERM');
    expect(await stack.exited).toBe(0);
    expect(said(stack)).toContain("L'arrêt dure plus de 2 s : arrêt sans attendre le worker ni les requêtes en cours");
    expect(await held.closed).not.toContain('HTTP/1.1 401'); // Cut, never answered.
    await expectNothingLeftThenStartAgain(processes);
  }, 300_000);

  it('answers a request in progress, then closes its keep-alive connection and the idle ones without waiting on them', async () => {
    const stack = await current();
    const processes = processesOf(stack);
    // A browser's connections: some idle, one with a request the server is reading.
    const idle = await Promise.all([1, 2, 3].map(() => idleConnection(stack.url)));
    const held = await holdRequest(stack.url);
    stack.kill('SIGTERM');
    await expect.poll(() => said(stack), SOON).toContain('Arrêt de Passerelle (SIGTERM)');
    held.finish();
    // Answered, and told that its connection ends there; then the server closed it.
    const answer = await held.closed;
    expect(answer).toContain('HTTP/1.1 401');
    expect(answer.toLowerCase()).toContain('connection: close');
    await Promise.all(idle.map((connection) => connection.closed));
    expect(await stack.exited).toBe(0);
    expect(said(stack)).not.toContain("L'arrêt dure plus de");
    await expectNothingLeftThenStartAgain(processes);
  }, 300_000);

  it('stops everything with exit code 0 on SIGHUP, when the terminal window closes', async () => {
    const stack = await current();
    const processes = processesOf(stack);
    // The window is gone: whatever the stack writes from now on fails.
    stack.closeOutput();
    stack.kill('SIGHUP', { group: true });
    expect(await stack.exited).toBe(0);
    await expectNothingLeftThenStartAgain(processes);
  }, 300_000);

  it('stops at once at a second Ctrl-C, without the requests in progress, and still stops the dev server', async () => {
    const stack = await current();
    const processes = processesOf(stack);
    const held = await holdRequest(stack.url);
    const events: string[] = [];
    void held.closed.then(() => events.push('request cut'));
    stack.kill('SIGINT');
    // The stop waits on the request; the stack says a second Ctrl-C will not.
    await expect.poll(() => said(stack), SOON).toContain('Ctrl-C à nouveau');
    events.push('second Ctrl-C');
    stack.kill('SIGINT');
    expect(await stack.exited).toBe(0);
    await held.closed;
    expect(events).toEqual(['second Ctrl-C', 'request cut']);
    expect(said(stack)).toContain("SIGINT pendant l'arrêt : arrêt sans attendre le worker ni les requêtes en cours");
    expect(said(stack)).not.toContain("L'arrêt dure plus de");
    await expectNothingLeftThenStartAgain(processes);
  }, 300_000);

  it('kills what remains at a third Ctrl-C, even a dev server that does not stop', async () => {
    const stack = await current();
    const processes = processesOf(stack);
    const devServer = JSON.parse(readFileSync(join(dataDir, 'temporal.pid'), 'utf8')) as { pid: number };
    expect(processes.map((p) => p.pid)).toContain(devServer.pid);
    const held = await holdRequest(stack.url);
    process.kill(devServer.pid, 'SIGSTOP'); // Frozen: it will not answer the stop's SIGTERM.
    stack.kill('SIGINT');
    await expect.poll(() => said(stack), SOON).toContain('Ctrl-C à nouveau');
    stack.kill('SIGINT');
    await expect.poll(() => said(stack), SOON).toContain('Ctrl-C encore une fois');
    stack.kill('SIGINT');
    expect(await stack.exited).toBe(130);
    expect(said(stack)).toContain('SIGINT encore : arrêt forcé');
    await held.closed;
    await expectNothingLeftThenStartAgain(processes);
  }, 300_000);

  it('does not let the dev server outlive a stack killed without its stop (kill -9)', async () => {
    const stack = await current();
    const processes = processesOf(stack);
    stack.kill('SIGKILL');
    expect(await stack.exited).toBe(null);
    // Its watchdog stops the dev server (expectNothingLeft… waits for that).
    await expectNothingLeftThenStartAgain(processes);
  }, 300_000);

  it("stops a dev server that an earlier run left on the data folder, but not another running stack's", async () => {
    const stack = await current();
    const processes = processesOf(stack);
    // A second stack on the same folder, other ports: refused, the first untouched.
    const other = { port: await freePort(), temporalPort: await freePort() };
    await expect(startStack(dataDir, other)).rejects.toThrow(/Passerelle tourne déjà sur ce dossier de données/);
    expect(survivors(processes)).toEqual(processes);
    // Killed with its watchdog, the stack leaves its dev server running.
    const devServer = processes.find((p) => p.args.includes('server start-dev'))!;
    const watchdog = processes.find((p) => p.args.includes('passerelle-watchdog'))!;
    process.kill(watchdog.pid, 'SIGKILL');
    stack.kill('SIGKILL');
    await stack.exited;
    await expect.poll(() => survivors(processes), SOON).toEqual([devServer]);
    const again = await startStack(dataDir, { ...ports, env: PATIENT });
    next = { stack: again, env: PATIENT };
    expect(said(again)).toContain(`Un serveur Temporal laissé par une exécution précédente tourne encore (pid ${devServer.pid}) : arrêt…`);
    expect(survivors(processes)).toEqual([]);
  }, 300_000);
});
