// `npm run bench`: validation of a 1,000-node definition, engine time per event and a full
// simulation on a 300-node one. Each figure is also given as a ratio to a baseline measured
// in the same run on the same document (a JSON round trip), so results compare across machines.
import { benchDesigner } from './designer/run';
import { generateDefinition } from './generate-definition';
import { start, apply } from '../dsl/engine';
import type { EngineEvent, EngineState } from '../dsl/engine-types';
import { isRefusal } from '../dsl/engine-types';
import type { Definition } from '../dsl/schema';
import { simulate } from '../dsl/simulator';
import { validate } from '../dsl/validate';

const nowNs = () => process.hrtime.bigint();

/** Milliseconds per call: the median of `rounds` timings after a warm-up. */
function timeMs(run: () => unknown, rounds: number): { median: number; p99: number } {
  for (let i = 0; i < Math.min(20, rounds); i++) run();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = nowNs();
    run();
    samples.push(Number(nowNs() - t0) / 1e6);
  }
  return percentiles(samples);
}

function percentiles(samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99) };
}

/** Drives a run event by event (complete the oldest open task, else fire the next timer),
 * timing each `apply`. Returns per-event timings in ms. */
function engineEventTimings(definition: Definition, maxEvents: number): number[] {
  const t0 = Date.UTC(2027, 0, 4, 8);
  let step = start(definition, {}, t0);
  if (isRefusal(step)) throw new Error(`start refused: ${step.error.message}`);
  let state: EngineState = step.state;
  let now = t0;
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
    const t = nowNs();
    const next = apply(definition, state, event, now);
    timings.push(Number(nowNs() - t) / 1e6);
    if (isRefusal(next)) throw new Error(`event refused: ${next.error.message}`);
    state = next.state;
  }
  return timings;
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

function main() {
  const big = generateDefinition(1000);
  const medium = generateDefinition(300);
  const check = validate(big);
  if (!check.valid) throw new Error(`generated definition invalid: ${JSON.stringify(check.errors.slice(0, 3))}`);

  const bigBaseline = timeMs(() => JSON.parse(JSON.stringify(big)), 200);
  const validation = timeMs(() => validate(big), 100);

  // A few warm-up runs first, so the figures are of optimised code, as in a long-lived worker.
  for (let i = 0; i < 5; i++) engineEventTimings(medium, 5000);
  const events = Array.from({ length: 30 }, () => engineEventTimings(medium, 5000)).flat();
  const perEvent = percentiles(events);
  const eventsPerRun = events.length / 30;
  const mediumBaseline = timeMs(() => JSON.parse(JSON.stringify(medium)), 200);

  const simulation = timeMs(() => simulate({ definition: medium, start: Date.UTC(2027, 0, 4, 8) }), 20);

  const rows = [
    ['validation, 1,000 nodes (median)', fmt(validation.median), `${(validation.median / bigBaseline.median).toFixed(1)}× a JSON round trip`, 'target < 20 ms'],
    ['engine, 300 nodes, per event (median)', fmt(perEvent.median), `${(perEvent.median / mediumBaseline.median).toFixed(2)}× a JSON round trip`, 'target < 50 µs'],
    ['engine, 300 nodes, per event (p99)', fmt(perEvent.p99), `${(perEvent.p99 / mediumBaseline.median).toFixed(2)}× a JSON round trip`, ''],
    ['simulator, 300 nodes, full run (median)', fmt(simulation.median), `${(simulation.median / mediumBaseline.median).toFixed(1)}× a JSON round trip`, `${eventsPerRun} events a run`],
    ['baseline: JSON round trip, 1,000 / 300 nodes', `${fmt(bigBaseline.median)} / ${fmt(mediumBaseline.median)}`, '', ''],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`Passerelle benchmark — Node ${process.version}, ${big.nodes.length} and ${medium.nodes.length} nodes\n`);
  for (const r of rows) console.log(`${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`);
}

main();

// The designer in Chromium (bench/designer/run.ts), after the pure figures.
const designer = await benchDesigner();
console.log(`\nDesigner in Chromium, ${designer.nodes} nodes: first render ${designer.firstRenderMs} ms (target < 1 s; ${designer.firstRenderBaselineMs} ms for 12 nodes in the same run; layout ${designer.layoutMs} ms, first commit at ${designer.firstCommitMs} ms, nodes measured at ${designer.nodesMeasuredMs} ms; medians), re-validation after one edit ${designer.revalidateMedianMs} ms (target < 16 ms), frame while dragging ${designer.dragFrameMedianMs} ms median / ${designer.dragFrameP95Ms} ms p95 (target < 16 ms)`);
