// The meaning of a process (spec section 6) as one pure, deterministic reducer:
// `start(definition, input, now)` and `apply(definition, state, event, now)` return the next
// state and the commands to carry out, or a refusal that changes nothing. No I/O, no clock,
// no randomness; the state is plain JSON and is never mutated (each step works on a copy).
// Drivers: the Temporal workflow, the simulator, the tests. Imports only dsl/.
import { blockedStep, dead, lower, StepBlocked } from './engine-blocked';
import { indexOf, onlyEdge } from './engine-index';
import { follow, run } from './engine-run';
import {
  cancelEverything,
  cancelTimersOf,
  DEFAULT_OPTIONS,
  finish,
  getVar,
  notGiven,
  setVar,
  workingCopy,
  type EngineOptions,
  type Work,
} from './engine-state';
import { checkCompletion, outcomesOf, refuse } from './engine-tasks';
import type { EngineEvent, EngineState, FieldProblem, Instant, StepResult, Variables } from './engine-types';
import type { Definition, TaskNode } from './schema';
import { checkValue } from './values';

export type { EngineOptions } from './engine-state';
export { MAX_MOVES } from './engine-blocked';
export { isRefusal } from './engine-types';

/**
 * Starts an instance: checks the input (spec 6: typed, `required` ones present, `default`s
 * fill the rest) and puts a token on `start`. A required variable must be given even when
 * it has a default, since the spec makes a missing required input an error. Null, and the
 * empty string for a type other than string and text, are of the wrong type (spec 1).
 */
export function start(definition: Definition, input: Record<string, unknown>, now: Instant): StepResult {
  return startWith(definition, input, now, DEFAULT_OPTIONS);
}

export function startWith(
  definition: Definition,
  input: Record<string, unknown>,
  now: Instant,
  options: EngineOptions,
): StepResult {
  const index = indexOf(definition);
  const details: FieldProblem[] = [];
  const variables: Variables = {};
  for (const [name, value] of Object.entries(input ?? {})) {
    const variable = index.variables.get(name);
    if (!variable) {
      details.push({ field: name, code: 'unknown', message: `La variable « ${name} » n’est pas déclarée.` });
      continue;
    }
    if (notGiven(value, options)) continue;
    const problem = checkValue(variable, value);
    if (problem) details.push({ field: name, code: 'wrong_type', message: `La valeur « ${variable.label ?? name} » ne convient pas (${problem}).` });
    else setVar(variables, name, value as Variables[string]);
  }
  for (const variable of definition.variables ?? []) {
    if (getVar(variables, variable.name) !== undefined) continue;
    // Given with the wrong type: already reported above, not missing as well.
    if (details.some((d) => d.field === variable.name)) continue;
    if (variable.required === true && options.enforceRequired) {
      const label = variable.label ?? variable.name;
      details.push({ field: variable.name, code: 'missing', message: `La valeur « ${label} » est obligatoire.` });
    } else if (variable.default !== undefined && variable.default !== null) {
      setVar(variables, variable.name, variable.default);
    }
  }
  if (details.length > 0) {
    return { error: { code: 'input_invalid', message: "Les données de départ ne conviennent pas.", details } };
  }
  const initial: EngineState = {
    status: 'running',
    variables,
    tokens: [],
    tasks: [],
    timers: [],
    children: [],
    visits: {},
    phase: null,
    seq: 0,
    startedAt: now,
  };
  // Run on a copy, so that a start that cannot be completed is answered from `initial`.
  const work: Work = { definition, index, now, options, state: workingCopy(initial), commands: [] };
  return settle(work, initial, () => {
    if (!index.start) throw dead(null, "elle n’a pas d’étape de début");
    run(work, [{ node: index.start.id }]);
  });
}

/**
 * Applies one outside event; a refusal leaves the given state as it was. A blocked instance
 * takes nothing but a cancel.
 */
export function apply(definition: Definition, state: EngineState, event: EngineEvent, now: Instant): StepResult {
  return applyWith(definition, state, event, now, DEFAULT_OPTIONS);
}

export function applyWith(
  definition: Definition,
  state: EngineState,
  event: EngineEvent,
  now: Instant,
  options: EngineOptions,
): StepResult {
  // Events come from outside (updates, scripts): a malformed one is refused, never thrown on.
  if (typeof event !== 'object' || event === null) return refuse('bad_event', "L’événement n’est pas un objet.");
  const type: unknown = event.type;
  if (state.status === 'blocked' && type !== 'cancel') {
    return refuse('not_running', `L’instance est bloquée. ${state.blocked?.message ?? ''}`.trim());
  }
  if (state.status !== 'running' && state.status !== 'blocked') return refuse('not_running', "L’instance n’est plus en cours.");
  const index = indexOf(definition);
  switch (event.type) {
    case 'complete_task': {
      const checked = checkCompletion(index, state, event, options);
      if ('error' in checked) return checked;
      const work = begin(definition, state, now, options);
      return settle(work, state, () => {
        const { task, node, values } = checked;
        for (const [name, value] of Object.entries(values)) setVar(work.state.variables, name, value);
        work.state.tasks = work.state.tasks.filter((t) => t.id !== task.id);
        work.state.tokens = work.state.tokens.filter((t) => t.task !== task.id);
        work.commands.push({
          type: 'close_task',
          task: task.id,
          node: task.node,
          outcome: event.outcome,
          values,
          ...(event.actor ? { actor: { ...event.actor, roles: event.actor.roles.slice() } } : {}),
        });
        cancelTimersOf(work, task.id);
        run(work, [follow(outcomeEdge(work, node, event.outcome))]);
      });
    }
    case 'fire_timer': {
      const timer = state.timers.find((t) => t.id === event.timer);
      if (!timer) return refuse('unknown_timer', `Le minuteur « ${event.timer} » n’est pas programmé.`);
      const work = begin(definition, state, now, options);
      return settle(work, state, () => {
        work.state.timers = work.state.timers.filter((t) => t.id !== timer.id);
        if (timer.kind === 'timer') {
          work.state.tokens = work.state.tokens.filter((t) => t.timer !== timer.id);
          work.commands.push({ type: 'timer_fired', timer: timer.id, node: timer.node });
          run(work, [follow(onlyEdge(index, timer.node))]);
          return;
        }
        const task = work.state.tasks.find((t) => t.id === timer.task);
        // Timers of a task are cancelled when it closes, so the task is open; stay safe anyway.
        if (!task) return;
        if (timer.kind === 'reminder') {
          work.commands.push({ type: 'remind', task: task.id, node: task.node, to: [task.assignee] });
        } else {
          work.state.tasks = work.state.tasks.map((t) => (t.id === task.id ? { ...t, escalated: true } : t));
          const node = index.nodes.get(task.node) as TaskNode | undefined;
          work.commands.push({ type: 'escalate', task: task.id, node: task.node, to: (node?.escalation?.to ?? []).slice() });
        }
      });
    }
    case 'child_finished': {
      const child = state.children.find((c) => c.id === event.child);
      if (!child) return refuse('unknown_child', `Le sous-processus « ${event.child} » n’est pas en cours.`);
      const work = begin(definition, state, now, options);
      return settle(work, state, () => {
        work.state.children = work.state.children.filter((c) => c.id !== child.id);
        work.state.tokens = work.state.tokens.filter((t) => t.child !== child.id);
        const node = index.nodes.get(child.node);
        const output = node?.type === 'subprocess' ? (node.output ?? {}) : {};
        // Parent variable ← child variable. Only values that exist and fit the parent's
        // variable are copied: a child variable with no value leaves the parent's as it was
        // (spec 2), and a child's result is a fact, so a misfit is dropped rather than
        // refused. The token moves on whatever the child's result.
        const given = typeof event.variables === 'object' && event.variables !== null ? event.variables : {};
        for (const [parentVar, childVar] of Object.entries(output)) {
          const value = getVar(given, childVar);
          const variable = index.variables.get(parentVar);
          if (value !== undefined && variable && checkValue(variable, value) === null) {
            setVar(work.state.variables, parentVar, value);
          }
        }
        run(work, [follow(onlyEdge(index, child.node))]);
      });
    }
    case 'cancel': {
      const work = begin(definition, state, now, options);
      cancelEverything(work);
      finish(work, 'abandoned');
      return done(work);
    }
    default:
      return refuse('bad_event', `Événement inconnu : ${JSON.stringify(type) ?? String(type)}.`);
  }
}

function begin(definition: Definition, state: EngineState, now: Instant, options: EngineOptions): Work {
  return { definition, index: indexOf(definition), now, options, state: workingCopy(state), commands: [] };
}

function done(work: Work): StepResult {
  return { state: work.state, commands: work.commands };
}

/** Runs a step's body; a step that cannot be completed is answered as `before`, blocked. */
function settle(work: Work, before: EngineState, body: () => void): StepResult {
  try {
    body();
  } catch (error) {
    if (!(error instanceof StepBlocked)) throw error;
    return blockedStep(before, error.blockage, work.commands);
  }
  return done(work);
}

/** With one outcome the edge may omit `outcome` (spec 2.1); with several it names it. */
function outcomeEdge(work: Work, node: TaskNode, outcome: string) {
  const edges = work.index.outgoing.get(node.id) ?? [];
  const named = edges.find((e) => e.outcome === outcome);
  const edge = named ?? (outcomesOf(node).length === 1 ? edges[0] : undefined);
  if (!edge) throw dead(node.id, `${lower(work.definition, node.id)} n’a pas de transition pour l’issue « ${outcome} »`);
  return edge;
}
