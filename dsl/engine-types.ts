// The engine's contract: its state, the events it takes and the commands it returns.
// Everything here is plain JSON (no Date, Map, Set or class) because state travels through
// Temporal histories and continue-as-new. Instants are epoch milliseconds (UTC).
import type { FormField, Value, Variables } from './schema';

export type Instant = number;

/** A token waiting somewhere in the graph. Tokens that move on at once are never stored. */
export interface Token {
  id: string;
  node: string;
  /** The edge it arrived by: a parallel join counts tokens per incoming edge. */
  via?: string;
  /** Set while the token waits at a task, timer or subprocess. */
  task?: string;
  timer?: string;
  child?: string;
}

export interface OpenTask {
  /** `<nodeId>:<n>`, n counting that node's visits from 1. */
  id: string;
  node: string;
  assignee: string;
  openedAt: Instant;
  due?: Instant;
  outcomes: string[];
  escalated: boolean;
}

export type TimerKind = 'timer' | 'reminder' | 'escalation';

export interface ScheduledTimer {
  id: string;
  at: Instant;
  kind: TimerKind;
  node: string;
  /** For reminders and escalations: the task they belong to. */
  task?: string;
}

export interface RunningChild {
  /** `<nodeId>:<n>`, like a task id. */
  id: string;
  node: string;
  process: string;
}

export type Result = 'completed' | 'abandoned';

/**
 * Why an instance is blocked: a step could not be completed (it moved tokens without end,
 * or the definition gave a token nowhere to go). The step was not taken; the instance keeps
 * the state it had before it and accepts nothing but a cancel.
 */
export interface Blockage {
  /** French, for people: what happened and where. */
  message: string;
  /** The nodes concerned (the loop's, or the node a token could not leave), in document order. */
  nodes: string[];
}

export interface EngineState {
  status: 'running' | 'blocked' | Result;
  /** Present while `status` is `blocked`. */
  blocked?: Blockage;
  /** The `result` of the last end reached (or `abandoned` after a cancel). */
  result?: Result;
  variables: Variables;
  tokens: Token[];
  tasks: OpenTask[];
  timers: ScheduledTimer[];
  children: RunningChild[];
  /** Visits per node id, for task and child ids. */
  visits: Record<string, number>;
  phase: string | null;
  /** Counter for token and timer ids, so ids are deterministic. */
  seq: number;
  startedAt: Instant;
  finishedAt?: Instant;
}

/** Who completes a task: the process roles they hold in this project. */
export interface Actor {
  id?: string;
  roles: string[];
}

export type EngineEvent =
  | { type: 'complete_task'; task: string; outcome: string; values?: Record<string, unknown>; actor: Actor }
  | { type: 'fire_timer'; timer: string }
  | { type: 'child_finished'; child: string; result: Result; variables: Variables }
  | { type: 'cancel'; reason?: string };

/** What a task looks like to the person doing it (the driver shows this). */
export interface TaskInfo extends OpenTask {
  label?: string;
  instructions?: string;
  form: FormField[];
}

/**
 * What the engine wants done, in the order it happened. Some commands only record a fact
 * for the timeline (`timer_fired`, `end_reached`); drivers write them to the event log.
 */
export type Command =
  | { type: 'open_task'; task: TaskInfo }
  | { type: 'close_task'; task: string; node: string; outcome: string; values: Variables; actor?: Actor }
  | { type: 'cancel_task'; task: string; node: string }
  | { type: 'schedule_timer'; timer: ScheduledTimer }
  | { type: 'cancel_timer'; timer: string }
  | { type: 'timer_fired'; timer: string; node: string }
  /** A reminder for an open task: notify its assignee role. */
  | { type: 'remind'; task: string; node: string; to: string[] }
  /** An escalation: mark the task escalated and notify the `to` roles. */
  | { type: 'escalate'; task: string; node: string; to: string[] }
  /** A notify node: subject and body with `{{variable}}` placeholders already filled. */
  | { type: 'notify'; node: string; to: string[]; subject: string; body: string }
  | { type: 'start_child'; child: string; node: string; process: string; input: Variables }
  | { type: 'cancel_child'; child: string; node: string }
  | { type: 'enter_phase'; phase: string; node: string }
  | { type: 'end_reached'; node: string; result: Result }
  | { type: 'finish'; result: Result }
  /** The step could not be completed and was not taken: the instance is now blocked. */
  | ({ type: 'block' } & Blockage);

export type RefusalCode =
  | 'input_invalid'
  | 'not_running'
  | 'task_not_open'
  | 'bad_outcome'
  | 'forbidden'
  | 'values_invalid'
  | 'unknown_timer'
  | 'unknown_child'
  | 'bad_event';

export interface FieldProblem {
  /** The variable (form field or input variable) concerned. */
  field: string;
  code: 'missing' | 'unknown' | 'wrong_type';
  message: string;
}

/** A refusal changes nothing; `message` is French, for people. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  details?: FieldProblem[];
}

export type Step = {
  state: EngineState;
  commands: Command[];
  /**
   * Only on a step that blocked the instance (its commands are then one `block`): what the
   * step produced before it was stopped. Not to be carried out; the simulator shows it as
   * the projected timeline of a run that never stops.
   */
  discarded?: Command[];
};
export type StepResult = Step | { error: Refusal };

export const isRefusal = (r: StepResult): r is { error: Refusal } => 'error' in r;

export type { Value, Variables };
