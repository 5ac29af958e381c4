// Section "engine": the pure engine, no I/O. Validation of a generated 1,000-node
// definition, engine time per event and a full simulation on a 300-node one (each against a
// JSON round trip of the same document), a simulation of the shipped école de production
// template, and the CLI's `validate` as a whole process against `node -e 0`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apply, start } from '../dsl/engine';
import type { EngineEvent, EngineState } from '../dsl/engine-types';
import { isRefusal } from '../dsl/engine-types';
import type { Definition } from '../dsl/schema';
import { simulate } from '../dsl/simulator';
import { validate } from '../dsl/validate';
import { generateDefinition } from './generate-definition';
import { nowMs, quantile, row, sample, type Row, type Section } from './section';

const ROOT = join(import.meta.dirname, '..');
const T0 = Date.UTC(2027, 0, 4, 8);
const median = (xs: number[]) => quantile(xs, 0.5);

/** Drives a run event by event (complete the oldest open task, else fire the next timer),
 * timing each `apply`. Returns per-event timings in ms. */
function engineEventTimings(definition: Definition, maxEvents: number): number[] {
  let step = start(definition, {}, T0);
  if (isRefusal(step)) throw new Error(`start refused: ${step.error.message}`);
  let state: EngineState = step.state;
  let now = T0;
  const timings: number[] = [];
  while (state.status === 'running' && timings.length < maxEvents) {
    let event: EngineEvent;
    const task = state.tasks[0];
    if (task) {
      event = { type: 'complete_task', task: task.id, outcome: task.outcomes[0], values: {}, actor: { roles: [task.assignee] } };
    } else {
      const timer = [...state.timers].sort((a, b) => a.at - b.at)[0];
      if (!timer) break;
      now = Math.max(now, timer.at);
      event = { type: 'fire_timer', timer: timer.id };
    }
    const t = nowMs();
    const next = apply(definition, state, event, now);
    timings.push(nowMs() - t);
    if (isRefusal(next)) throw new Error(`event refused: ${next.error.message}`);
    state = next.state;
  }
  return timings;
}

/** Wall time of a whole process, median of `rounds` runs (ms). */
function processMs(command: string, args: string[], rounds: number): number {
  const samples: number[] = [];
  for (let i = 0; i < rounds + 1; i++) {
    const t0 = nowMs();
    const run = spawnSync(command, args, { cwd: ROOT, stdio: 'pipe' });
    const elapsed = nowMs() - t0;
    if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    if (i > 0) samples.push(elapsed); // The first run may build the CLI bundle.
  }
  return median(samples);
}

export const engineSection: Section = {
  name: 'engine',
  describe: 'validator, engine and simulator on generated definitions; the école de production simulation; the CLI as a process',
  async run({ quick, log }) {
    const big = generateDefinition(1000);
    const medium = generateDefinition(300);
    const check = validate(big);
    if (!check.valid) throw new Error(`generated definition invalid: ${JSON.stringify(check.errors.slice(0, 3))}`);
    const rounds = quick ? 20 : 100;

    log('engine: validation and JSON baselines');
    const bigBaseline = median(await sample(() => JSON.parse(JSON.stringify(big)), rounds * 2));
    const validation = median(await sample(() => validate(big), rounds));
    const mediumBaseline = median(await sample(() => JSON.parse(JSON.stringify(medium)), rounds * 2));

    log('engine: per-event timings');
    // Warm-up runs first, so the figures are of optimised code, as in a long-lived worker.
    const runs = quick ? 5 : 30;
    for (let i = 0; i < (quick ? 2 : 5); i++) engineEventTimings(medium, 5000);
    const events = Array.from({ length: runs }, () => engineEventTimings(medium, 5000)).flat();

    log('engine: simulations');
    const simulation = median(await sample(() => simulate({ definition: medium, start: T0 }), quick ? 5 : 20, 2));
    const ecole = JSON.parse(readFileSync(join(ROOT, 'templates', 'ecole-de-production.json'), 'utf8')) as Definition;
    const ecoleBaseline = median(await sample(() => JSON.parse(JSON.stringify(ecole)), rounds * 2));
    const ecoleSimulation = median(await sample(() => simulate({ definition: ecole, start: T0 }), quick ? 20 : 100, 5));

    log('engine: the CLI as a process');
    const nodeBare = processMs(process.execPath, ['-e', '0'], quick ? 3 : 10);
    const cliValidate = processMs(
      process.execPath,
      [join(ROOT, 'cli', 'passerelle.mjs'), 'validate', join(ROOT, 'templates', 'ecole-de-production.json')],
      quick ? 3 : 10,
    );

    const json1000 = 'JSON round trip of the 1,000-node document';
    const json300 = 'JSON round trip of the 300-node document';
    const rows: Row[] = [
      row('validation, 1,000 nodes (median)', validation, 'ms', bigBaseline, '< 20 ms', json1000),
      row('engine, 300 nodes, per event (median)', median(events) * 1000, 'µs', mediumBaseline * 1000, '< 50 µs', json300),
      row('engine, 300 nodes, per event (p99)', quantile(events, 0.99) * 1000, 'µs', mediumBaseline * 1000, null, json300),
      row('simulator, 300 nodes, full run (median)', simulation, 'ms', mediumBaseline, null, `${json300}; ${events.length / runs} events a run`),
      row('simulator, école de production (median)', ecoleSimulation, 'ms', ecoleBaseline, '< 5 ms', 'JSON round trip of the template'),
      row('CLI validate, whole process (median)', cliValidate, 'ms', nodeBare, '≈ 0.18 s', 'node -e 0'),
    ];
    return rows;
  },
};
