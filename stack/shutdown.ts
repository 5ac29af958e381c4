// How `npm start` stops. The pieces it started are stopped in reverse order: first the HTTP
// server (requests in progress are answered), then the worker (activities in progress end),
// the connections, the database, and last the Temporal dev server the worker needed.
//
// SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal closed) all start that orderly stop,
// which exits 0. It may wait at most `timeoutMs` on the worker and on requests in progress;
// after that, or at a second Ctrl-C, it is hurried: it stops waiting on them and only closes
// the embedded database and stops the dev server (still exit 0: nothing is left running).
// A third Ctrl-C exits at once with 128 + the signal's number; the dev server's exit hook
// and its watchdog kill what remains.
//
// Under `npm start`, one Ctrl-C in a terminal arrives twice: the terminal signals the whole
// process group, and npm forwards its copy to us as well. Signals closer together than
// SAME_PRESS_MS therefore count as one press; once that time has passed, a line tells the
// person that another Ctrl-C will hurry the stop.
// Imports nothing from the project.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { constants } from 'node:os';

export interface StopStep {
  name: string;
  stop: () => Promise<unknown>;
  /**
   * Still run, and waited for, when the stop is hurried: what must not be left running or
   * half-written (the embedded database, the dev server).
   */
  essential?: boolean;
}

const SAME_PRESS_MS = 1_000;
const DEFAULT_STOP_TIMEOUT_S = 5;

/** PASSERELLE_STOP_TIMEOUT, in seconds: how long a stop waits on work in progress. */
export function readStopTimeoutMs(env: NodeJS.ProcessEnv): number {
  const seconds = Number(env.PASSERELLE_STOP_TIMEOUT ?? DEFAULT_STOP_TIMEOUT_S);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`PASSERELLE_STOP_TIMEOUT doit être un nombre de secondes, pas ${JSON.stringify(env.PASSERELLE_STOP_TIMEOUT)}.`);
  }
  return seconds * 1000;
}

export class Shutdown {
  private readonly steps: StopStep[] = [];
  private phase: 'running' | 'orderly' | 'hurried' = 'running';
  private stopping?: Promise<void>;
  /** The step the orderly stop is waiting on. */
  private waitingOn?: StopStep;
  private lastPress = Number.NEGATIVE_INFINITY;
  private readonly hurried: Promise<void>;
  private readonly hurryNow: () => void;

  /** timeoutMs: how long the orderly stop may wait on the worker and requests in progress. */
  constructor(private readonly options: { timeoutMs: number }) {
    let resolve!: () => void;
    this.hurried = new Promise((r) => (resolve = r));
    this.hurryNow = resolve;
  }

  /** A piece just started; it is stopped before the pieces added earlier. */
  add(step: StopStep): void {
    this.steps.push(step);
  }

  /** Stops on SIGINT, SIGTERM and SIGHUP; hurries at the second press, exits at the third. */
  listen(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']): void {
    // A closed terminal makes every write to it fail: no reason to die before the stop ends.
    process.stdout.on('error', () => undefined);
    process.stderr.on('error', () => undefined);
    for (const signal of signals) process.on(signal, () => this.press(signal));
  }

  private press(signal: NodeJS.Signals): void {
    const now = performance.now();
    if (now - this.lastPress < SAME_PRESS_MS) return;
    this.lastPress = now;
    if (this.phase === 'running') {
      void this.stop(signal, 0);
      this.later(() => {
        if (this.phase === 'orderly' && this.waitingOn && !this.waitingOn.essential) {
          console.log("  L'arrêt attend la fin du travail en cours ; Ctrl-C à nouveau pour ne plus l'attendre.");
        }
      });
    } else if (this.phase === 'orderly') {
      this.hurry(`${signal} pendant l'arrêt`);
    } else {
      console.log(`${signal} encore : arrêt forcé, les processus restants sont tués.`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
  }

  private later(action: () => void): void {
    setTimeout(action, SAME_PRESS_MS).unref();
  }

  private hurry(why: string): void {
    if (this.phase !== 'orderly') return;
    this.phase = 'hurried';
    console.log(`${why} : arrêt sans attendre le worker ni les requêtes en cours…`);
    this.hurryNow();
    this.later(() => console.log('  Ctrl-C encore une fois pour tout arrêter de force.'));
  }

  /** Stops every piece (once, however often it is called), then exits with `code`. */
  stop(reason: string, code: number): Promise<void> {
    this.stopping ??= this.run(reason, code);
    return this.stopping;
  }

  private async run(reason: string, code: number): Promise<void> {
    this.phase = 'orderly';
    console.log(`\nArrêt de Passerelle (${reason})…`);
    const seconds = this.options.timeoutMs / 1000;
    const deadline = setTimeout(() => this.hurry(`L'arrêt dure plus de ${seconds} s`), this.options.timeoutMs);
    const essentials: Promise<void>[] = [];
    for (const step of [...this.steps].reverse()) {
      if (this.phase === 'hurried') {
        // The rest are skipped; what must not be left behind stops side by side.
        if (step.essential) essentials.push(this.attempt(step));
        continue;
      }
      this.waitingOn = step;
      const stopped = this.attempt(step);
      await Promise.race([stopped, this.hurried]);
      if (step.essential) essentials.push(stopped);
    }
    await Promise.all(essentials);
    clearTimeout(deadline);
    process.exit(code);
  }

  private async attempt(step: StopStep): Promise<void> {
    try {
      await step.stop();
    } catch (error) {
      console.error(`arrêt de ${step.name} : ${String(error)}`);
    }
  }
}

/**
 * The stop of an HTTP server, to set up as soon as it listens: it stops accepting
 * connections and answers the requests in progress, but no keep-alive connection holds it
 * (a browser keeps several open, a polling page keeps one busy): those idle are closed at
 * once, the others right after their current answer, which says `Connection: close`.
 */
export function httpServerStop(server: Server): () => Promise<void> {
  const inProgress = new Set<ServerResponse>();
  let closing = false;
  const lastAnswer = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (closing) lastAnswer(res);
    inProgress.add(res);
    res.once('close', () => inProgress.delete(res));
  });
  return () =>
    new Promise((resolve) => {
      closing = true;
      inProgress.forEach(lastAnswer);
      server.close(() => resolve());
      // Answers already under way when the stop came leave their connection idle after.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      server.once('close', () => clearInterval(sweep));
    });
}
