// The engine on a virtual clock (spec section 8): runs a definition with scripted task
// completions and returns the projected timeline. It is a driver like the Temporal
// workflow: it turns commands into pending completions, timers and child runs, and feeds
// them back as events. At one instant, outside events (completions, child results) go
// before timers, each kind in the order it was scheduled (spec 6). Pure; imports only dsl/.
import { addDuration, toIsoString } from './durations';
import { applyWith, MAX_MOVES, startWith, type EngineOptions } from './engine';
import type { Command, EngineEvent, EngineState, Refusal, Step, StepResult, TaskInfo } from './engine-types';
import type { Definition } from './schema';
import type { ScriptEntry, SimulationScript } from './simulation-script';
import { commandEntry } from './timeline';

export { SimulationScript } from './simulation-script';

export const EVENT_LIMIT = 10_000;
/**
 * A loop through a subprocess with no child definition completes at once and records no
 * event, so the event limit alone would never stop it; this bound reports it as `limit`.
 */
export const DELIVERY_LIMIT = 200_000;

/** The timeline's entry types (dsl/timeline.ts) that a simulation shows. */
const SIMULATION_EVENT_TYPES = [
  'task_opened',
  'task_completed',
  'task_cancelled',
  'reminder',
  'escalation',
  'timer_fired',
  'notified',
  'phase_entered',
  'ended',
] as const;
export type SimulationEventType = (typeof SIMULATION_EVENT_TYPES)[number];
const SHOWN = new Set<string>(SIMULATION_EVENT_TYPES);

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

/** Why a script is refused: an engine refusal, or task keys that name no task node. */
export type ScriptRefusal = Refusal | { code: 'unknown_task'; message: string; details?: undefined };

/** A script entry (or start input, or task key) the simulator refuses; the CLI exits 2 naming it. */
export class ScriptError extends Error {
  override readonly name = 'ScriptError';
  constructor(
    readonly refusal: ScriptRefusal,
    readonly where: { process?: string; node?: string; task?: string; keys?: string[] } = {},
  ) {
    const owner = where.process ? ` de ${where.process}` : '';
    const place = where.keys ? 'tâches du script' : where.task ? `tâche ${where.task}${owner}` : `données de départ${owner}`;
    const details = (refusal.details ?? []).map((d) => ` ${d.field} : ${d.message}`).join(';');
    super(`${place} : ${refusal.message}${details} [${refusal.code}]`);
  }
}

/**
 * Spec 8: every key of the script's `tasks` names a task node of the definition, or
 * `<child key>/<node id>` one of a child it runs (children of children included). A typo
 * would otherwise be silently ignored; the refusal lists the task ids that exist.
 */
function checkTaskKeys(definition: Definition, script: SimulationScript, children: (key: string) => Definition | undefined): void {
  const known: string[] = [];
  const seen = new Set<string>();
  const collect = (def: Definition, prefix: string) => {
    for (const node of def.nodes) if (node.type === 'task') known.push(`${prefix}${node.id}`);
    for (const node of def.nodes) {
      if (node.type !== 'subprocess' || seen.has(node.process)) continue;
      seen.add(node.process);
      const child = children(node.process);
      if (child) collect(child, `${node.process}/`);
    }
  };
  collect(definition, '');
  const unknown = Object.keys(script.tasks ?? {}).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  const names = unknown.map((k) => `« ${k} »`).join(', ');
  const listed = known.length > 0 ? `les tâches sont ${known.join(', ')}` : "la définition n’a aucune tâche";
  const message = `${unknown.length > 1 ? 'ces clés ne nomment' : 'cette clé ne nomme'} aucune tâche : ${names} (${listed}).`;
  throw new ScriptError({ code: 'unknown_task', message: message[0].toUpperCase() + message.slice(1) }, { keys: unknown });
}

/**
 * A step that never stops waiting is cut by the engine after `maxMoves` moves. Here the cut
 * must come late enough that the events it produced pass EVENT_LIMIT when it produces any
 * (one at least every node-count moves, through a timer that fires at once), so that the
 * timeline of `limit` holds the first EVENT_LIMIT events, as an endless run would. That
 * bound is large, so a step is first tried with a budget near the events still wanted, and
 * again with more only when it was cut before producing them: the engine is deterministic,
 * so the answer is the one the large bound gives. The simulator projects timing, not data
 * entry (spec 8): `required` is not enforced.
 */
function stepWithin(definition: Definition, wanted: number, step: (options: EngineOptions) => StepResult): StepResult {
  const bound = Math.max(MAX_MOVES, (EVENT_LIMIT + 1) * (definition.nodes.length + 1));
  for (let maxMoves = Math.min(bound, Math.max(1_000, 4 * wanted)); ; maxMoves = Math.min(bound, 8 * maxMoves)) {
    const result = step({ enforceRequired: false, blanksAsAbsent: false, maxMoves });
    if (maxMoves >= bound || 'error' in result || result.state.status !== 'blocked') return result;
    if ((result.discarded ?? []).filter((c) => eventOf(c) !== null).length >= wanted) return result;
  }
}

/** A command's event in a simulation: the timeline's entry, in the simulator's shape. */
function eventOf(command: Command): Omit<SimulationEvent, 'at' | 'process'> | null {
  const entry = commandEntry(command);
  if (!entry || !SHOWN.has(entry.type) || entry.node === null) return null;
  const { outcome, phase } = entry.data as { outcome?: string; phase?: string };
  return {
    type: entry.type as SimulationEventType,
    node: entry.node,
    ...(entry.taskId === null ? {} : { task: entry.taskId }),
    ...(entry.type === 'task_completed' ? { outcome } : {}),
    ...(entry.type === 'phase_entered' ? { phase } : {}),
  };
}

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
  /** A step of some run never stopped: the simulation ends as `limit`. */
  let endless = false;

  const emit = (run: Run, command: Command) => {
    const event = eventOf(command);
    if (event) events.push({ at: toIsoString(now), ...event, ...(run.process === undefined ? {} : { process: run.process }) });
  };

  const startRun = (def: Definition, input: Record<string, unknown>, process?: string, parent?: Run['parent']): Run => {
    const step = stepWithin(def, EVENT_LIMIT + 1 - events.length, (engine) => startWith(def, input, now, engine));
    if ('error' in step) throw new ScriptError(step.error, { process });
    const run: Run = { definition: def, state: step.state, process, parent, children: {}, detached: false };
    take(run, step);
    return run;
  };

  const deliver = (run: Run, event: EngineEvent) => {
    const step = stepWithin(run.definition, EVENT_LIMIT + 1 - events.length, (engine) => applyWith(run.definition, run.state, event, now, engine));
    if ('error' in step) {
      if (event.type === 'complete_task') {
        throw new ScriptError(step.error, { process: run.process, task: event.task, node: nodeOfTask(event.task) });
      }
      throw new Error(`simulateur : l’événement ${event.type} a été refusé (${step.error.code}) : ${step.error.message}`);
    }
    run.state = step.state;
    take(run, step);
  };

  /** A blocked step's discarded commands are what the endless run did: they are its timeline. */
  const take = (run: Run, step: Step) => {
    if (step.state.status !== 'blocked') return handle(run, step.commands);
    endless = true;
    handle(run, step.discarded ?? []);
  };

  const handle = (run: Run, commands: Command[]) => {
    for (const c of commands) {
      // Past the limit nothing more is shown: a long blocked step need not be walked to its end.
      if (events.length > EVENT_LIMIT) return;
      emit(run, c);
      switch (c.type) {
        case 'open_task':
          outside.push({ seq: ++seq, ...completion(run, c.task, script) });
          break;
        case 'close_task':
          break;
        case 'cancel_task':
          remove(outside, (p) => p.run === run && p.event.type === 'complete_task' && p.event.task === c.task);
          break;
        case 'schedule_timer':
          timers.push({ seq: ++seq, at: c.timer.at, run, event: { type: 'fire_timer', timer: c.timer.id } });
          break;
        case 'cancel_timer':
          remove(timers, (p) => p.run === run && p.event.type === 'fire_timer' && p.event.timer === c.timer);
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
        case 'block':
          break; // Only in a blocked step's commands, which `take` does not hand over.
        case 'finish':
          if (run.parent && !run.detached) {
            const event: EngineEvent = { type: 'child_finished', child: run.parent.child, result: c.result, variables: { ...run.state.variables } };
            outside.push({ seq: ++seq, at: now, run: run.parent.run, event });
          }
          break;
      }
    }
  };

  checkTaskKeys(definition, script, children);
  const root = startRun(definition, script.input ?? {});
  const finishWith = (result: SimulationResult['result'], end: string | null): SimulationResult => {
    if (events.length > EVENT_LIMIT) events.length = EVENT_LIMIT;
    return { result, start: toIsoString(options.start), end, events };
  };

  for (let delivered = 0; ; ) {
    if (endless || events.length > EVENT_LIMIT || delivered > DELIVERY_LIMIT || options.shouldStop?.()) return finishWith('limit', null);
    if (root.state.status === 'completed' || root.state.status === 'abandoned') return finishWith(root.state.status, toIsoString(now));
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
