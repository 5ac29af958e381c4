// The engine on a virtual clock (spec section 8): runs a definition with scripted task
// completions and returns the projected timeline. It is a driver like the Temporal
// workflow: it turns commands into pending completions, timers and child runs, and feeds
// them back as events. At one instant, outside events (completions, child results) go
// before timers, each kind in the order it was scheduled (spec 6). Pure; imports only dsl/.
import { addDuration, toIsoString } from './durations';
import { applyWith, startWith, type EngineOptions } from './engine';
import type { Command, EngineEvent, EngineState, Refusal, TaskInfo } from './engine-types';
import type { Definition } from './schema';
import type { ScriptEntry, SimulationScript } from './simulation-script';

export { SimulationScript } from './simulation-script';

export const EVENT_LIMIT = 10_000;
/**
 * A loop through a subprocess with no child definition completes at once and records no
 * event, so the event limit alone would never stop it; this bound reports it as `limit`.
 */
export const DELIVERY_LIMIT = 200_000;

export type SimulationEventType =
  | 'task_opened'
  | 'task_completed'
  | 'task_cancelled'
  | 'reminder'
  | 'escalation'
  | 'timer_fired'
  | 'notified'
  | 'phase_entered'
  | 'ended';

export interface SimulationEvent {
  at: string;
  type: SimulationEventType;
  node: string;
  task?: string;
  outcome?: string;
  phase?: string;
  /** The child process's key, on events of a child run. */
  process?: string;
}

export interface SimulationResult {
  result: 'completed' | 'abandoned' | 'stuck' | 'limit';
  start: string;
  end: string | null;
  events: SimulationEvent[];
}

export interface SimulateOptions {
  definition: Definition;
  script?: SimulationScript;
  /** The virtual clock's first instant, epoch milliseconds. */
  start: number;
  /**
   * Asked before each step; true stops the run with result `limit`. The API passes a time
   * budget, so one call cannot hold the server however costly each step of a document is.
   */
  shouldStop?: () => boolean;
  /** The definition a `subprocess` runs; none means the child completes at once. */
  children?: (key: string) => Definition | undefined;
}

/** A script entry (or start input) the engine refuses; the CLI exits 2 naming it. */
export class ScriptError extends Error {
  override readonly name = 'ScriptError';
  constructor(
    readonly refusal: Refusal,
    readonly where: { process?: string; node?: string; task?: string } = {},
  ) {
    const owner = where.process ? ` de ${where.process}` : '';
    const place = where.task ? `tâche ${where.task}${owner}` : `données de départ${owner}`;
    const details = (refusal.details ?? []).map((d) => ` ${d.field} : ${d.message}`).join(';');
    super(`${place} : ${refusal.message}${details} [${refusal.code}]`);
  }
}

// The simulator projects timing, not data entry (spec 8).
const OPTIONS: EngineOptions = { enforceRequired: false };

/** One run of a definition: the root, or a child started by a `subprocess` node. */
interface Run {
  definition: Definition;
  state: EngineState;
  process?: string;
  parent?: { run: Run; child: string };
  children: Record<string, Run>;
  /** Cancelled by its parent: its end is not reported back. */
  detached: boolean;
}

interface Pending {
  seq: number;
  at: number;
  run: Run;
  event: EngineEvent;
}

export function simulate(options: SimulateOptions): SimulationResult {
  const { definition, script = {}, children = () => undefined } = options;
  const events: SimulationEvent[] = [];
  const outside: Pending[] = [];
  const timers: Pending[] = [];
  let now = options.start;
  let seq = 0;

  const emit = (run: Run, type: SimulationEventType, node: string, extra: Partial<SimulationEvent> = {}) => {
    events.push({ at: toIsoString(now), type, node, ...extra, ...(run.process === undefined ? {} : { process: run.process }) });
  };

  const startRun = (def: Definition, input: Record<string, unknown>, process?: string, parent?: Run['parent']): Run => {
    const step = startWith(def, input, now, OPTIONS);
    if ('error' in step) throw new ScriptError(step.error, { process });
    const run: Run = { definition: def, state: step.state, process, parent, children: {}, detached: false };
    handle(run, step.commands);
    return run;
  };

  const deliver = (run: Run, event: EngineEvent) => {
    const step = applyWith(run.definition, run.state, event, now, OPTIONS);
    if ('error' in step) {
      if (event.type === 'complete_task') {
        throw new ScriptError(step.error, { process: run.process, task: event.task, node: nodeOfTask(event.task) });
      }
      throw new Error(`simulateur : l'événement ${event.type} a été refusé (${step.error.code}) : ${step.error.message}`);
    }
    run.state = step.state;
    handle(run, step.commands);
  };

  const handle = (run: Run, commands: Command[]) => {
    for (const c of commands) {
      switch (c.type) {
        case 'open_task':
          emit(run, 'task_opened', c.task.node, { task: c.task.id });
          outside.push({ seq: ++seq, ...completion(run, c.task, script) });
          break;
        case 'close_task':
          emit(run, 'task_completed', c.node, { task: c.task, outcome: c.outcome });
          break;
        case 'cancel_task':
          emit(run, 'task_cancelled', c.node, { task: c.task });
          remove(outside, (p) => p.run === run && p.event.type === 'complete_task' && p.event.task === c.task);
          break;
        case 'schedule_timer':
          timers.push({ seq: ++seq, at: c.timer.at, run, event: { type: 'fire_timer', timer: c.timer.id } });
          break;
        case 'cancel_timer':
          remove(timers, (p) => p.run === run && p.event.type === 'fire_timer' && p.event.timer === c.timer);
          break;
        case 'timer_fired':
          emit(run, 'timer_fired', c.node);
          break;
        case 'remind':
          emit(run, 'reminder', c.node, { task: c.task });
          break;
        case 'escalate':
          emit(run, 'escalation', c.node, { task: c.task });
          break;
        case 'notify':
          emit(run, 'notified', c.node);
          break;
        case 'enter_phase':
          emit(run, 'phase_entered', c.node, { phase: c.phase });
          break;
        case 'end_reached':
          emit(run, 'ended', c.node);
          break;
        case 'start_child': {
          const childDefinition = children(c.process);
          if (childDefinition) {
            run.children[c.child] = startRun(childDefinition, c.input, c.process, { run, child: c.child });
          } else {
            const event: EngineEvent = { type: 'child_finished', child: c.child, result: 'completed', variables: {} };
            outside.push({ seq: ++seq, at: now, run, event });
          }
          break;
        }
        case 'cancel_child': {
          const child = run.children[c.child];
          if (child && child.state.status === 'running') {
            child.detached = true;
            deliver(child, { type: 'cancel', reason: 'parent' });
          }
          break;
        }
        case 'finish':
          if (run.parent && !run.detached) {
            const event: EngineEvent = { type: 'child_finished', child: run.parent.child, result: c.result, variables: { ...run.state.variables } };
            outside.push({ seq: ++seq, at: now, run: run.parent.run, event });
          }
          break;
      }
    }
  };

  const root = startRun(definition, script.input ?? {});
  const finishWith = (result: SimulationResult['result'], end: string | null): SimulationResult => {
    if (events.length > EVENT_LIMIT) events.length = EVENT_LIMIT;
    return { result, start: toIsoString(options.start), end, events };
  };

  for (let delivered = 0; ; ) {
    if (events.length > EVENT_LIMIT || delivered > DELIVERY_LIMIT || options.shouldStop?.()) return finishWith('limit', null);
    if (root.state.status !== 'running') return finishWith(root.state.status, toIsoString(now));
    const next = takeDue(outside, now) ?? takeDue(timers, now);
    if (next) {
      delivered += 1;
      deliver(next.run, next.event);
      continue;
    }
    const later = earliest(outside, timers);
    if (later === undefined) return finishWith('stuck', null);
    now = later;
  }
}

/** When a task completes, with what (spec 8: n-th visit uses the n-th entry, the last repeats). */
function completion(run: Run, task: TaskInfo, script: SimulationScript): Omit<Pending, 'seq'> {
  const key = run.process === undefined ? task.node : `${run.process}/${task.node}`;
  const list = script.tasks && Object.prototype.hasOwnProperty.call(script.tasks, key) ? script.tasks[key] : [];
  const visit = Number(task.id.slice(task.id.lastIndexOf(':') + 1));
  const entry: ScriptEntry | undefined = list.length > 0 ? list[Math.min(visit, list.length) - 1] : undefined;
  // Without an entry: the first outcome at the due instant, or at once without `due`.
  const at = entry ? (entry.after ? addDuration(task.openedAt, entry.after) : task.openedAt) : (task.due ?? task.openedAt);
  const event: EngineEvent = {
    type: 'complete_task',
    task: task.id,
    outcome: entry?.outcome ?? task.outcomes[0],
    ...(entry?.values ? { values: entry.values } : {}),
    actor: { roles: [task.assignee] },
  };
  return { at, run, event };
}

function nodeOfTask(task: string): string {
  return task.slice(0, task.lastIndexOf(':'));
}

function remove(list: Pending[], match: (p: Pending) => boolean): void {
  const i = list.findIndex(match);
  if (i >= 0) list.splice(i, 1);
}

const live = (p: Pending) => p.run.state.status === 'running';

/** The first-scheduled live item due by `now`, taken off its list. */
function takeDue(list: Pending[], now: number): Pending | undefined {
  let best = -1;
  for (let i = 0; i < list.length; i += 1) {
    const p = list[i];
    if (p.at <= now && live(p) && (best < 0 || p.seq < list[best].seq)) best = i;
  }
  return best < 0 ? undefined : list.splice(best, 1)[0];
}

function earliest(...lists: Pending[][]): number | undefined {
  let at: number | undefined;
  for (const list of lists) for (const p of list) if (live(p) && (at === undefined || p.at < at)) at = p.at;
  return at;
}
