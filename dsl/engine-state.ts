// The engine's working area for one step: a copy of the state that the step may change,
// the commands it has produced so far, and helpers every part of the engine shares
// (ids, timers, finishing). A step starts from `workingCopy`, so the caller's state is
// never touched and a refusal can simply drop the copy. Pure; imports only dsl/.
import type { DefinitionIndex } from './engine-index';
import type { Command, EngineState, Instant, Result, ScheduledTimer, Value, Variables } from './engine-types';
import type { Definition } from './schema';

export interface EngineOptions {
  /**
   * Whether `required` is enforced on start input and task forms. The engine always does;
   * the simulator turns it off because it projects timing, not data entry (spec section 8).
   */
  enforceRequired: boolean;
  /**
   * How a value given from outside (start input, form values) that is null or blank text is
   * read. Spec section 1: null is never a value and the empty string is a value only of
   * `string` and `text`, so such values are checked like any other (false). Projects started
   * before that rule read them as not given (true); the workflow keeps that for them.
   */
  blanksAsAbsent: boolean;
  /** Moves one step may make before the instance is blocked as looping (default MAX_MOVES). */
  maxMoves?: number;
}

export const DEFAULT_OPTIONS: EngineOptions = { enforceRequired: true, blanksAsAbsent: false };

export interface Work {
  readonly definition: Definition;
  readonly index: DefinitionIndex;
  readonly now: Instant;
  readonly options: EngineOptions;
  state: EngineState;
  commands: Command[];
  /** `visits` grows with the definition, so it is copied only by a step that counts one. */
  visitsCopied?: boolean;
}

/**
 * A copy deep enough that the step can change it freely: lists and variables are copied;
 * their items (tokens, tasks, timers) are only ever replaced, never changed in place.
 * `visits` is shared until `nextVisit` copies it.
 */
export function workingCopy(state: EngineState): EngineState {
  return {
    ...state,
    variables: { ...state.variables },
    tokens: state.tokens.slice(),
    tasks: state.tasks.slice(),
    timers: state.timers.slice(),
    children: state.children.slice(),
  };
}

// Variable names come from documents, and `__proto__` or `constructor` match the name
// pattern: read own properties only and write with defineProperty, never through setters.
export function getVar(variables: Variables, name: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : undefined;
}

export function setVar(variables: Variables, name: string, value: Value): void {
  Object.defineProperty(variables, name, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Whether a value from outside counts as not given: only when it is absent, or (for projects
 * started before spec section 1 said so, `blanksAsAbsent`) null or text of nothing but spaces.
 */
export function notGiven(value: unknown, options: EngineOptions): boolean {
  if (value === undefined) return true;
  return options.blanksAsAbsent && (value === null || (typeof value === 'string' && value.trim() === ''));
}

/** Counts a visit of a node and returns its number (1 for the first). */
export function nextVisit(work: Work, node: string): number {
  if (!work.visitsCopied) {
    work.state.visits = { ...work.state.visits };
    work.visitsCopied = true;
  }
  const visits = work.state.visits;
  const n = (Object.prototype.hasOwnProperty.call(visits, node) ? visits[node] : 0) + 1;
  // Node ids cannot start with `_`, so `__proto__` never reaches this plain assignment.
  visits[node] = n;
  return n;
}

export function nextTokenId(work: Work): string {
  work.state.seq += 1;
  return `t${work.state.seq}`;
}

export function schedule(work: Work, timer: ScheduledTimer): void {
  work.state.timers.push(timer);
  work.commands.push({ type: 'schedule_timer', timer });
}

/** Cancels the reminders and escalation of a task that is closing. */
export function cancelTimersOf(work: Work, task: string): void {
  const keep: ScheduledTimer[] = [];
  for (const timer of work.state.timers) {
    if (timer.task === task) work.commands.push({ type: 'cancel_timer', timer: timer.id });
    else keep.push(timer);
  }
  work.state.timers = keep;
}

/** Everything still waiting is called off: open tasks, timers, children, tokens. */
export function cancelEverything(work: Work): void {
  const { state, commands } = work;
  for (const task of state.tasks) commands.push({ type: 'cancel_task', task: task.id, node: task.node });
  for (const timer of state.timers) commands.push({ type: 'cancel_timer', timer: timer.id });
  for (const child of state.children) commands.push({ type: 'cancel_child', child: child.id, node: child.node });
  state.tasks = [];
  state.timers = [];
  state.children = [];
  state.tokens = [];
}

export function finish(work: Work, result: Result): void {
  // A blocked instance can still be cancelled; once over it is no longer blocked.
  delete work.state.blocked;
  work.state.status = result;
  work.state.result = result;
  work.state.finishedAt = work.now;
  work.commands.push({ type: 'finish', result });
}
