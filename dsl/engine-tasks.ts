// Tasks in the engine: opening one (id, due instant, reminders, escalation) and deciding
// whether a completion is acceptable (spec sections 2.1 and 6). Opening only records and
// schedules; moving the token on is the run loop's job. Pure; imports only dsl/.
import { addDuration, subtractDuration } from './durations';
import { durationOf } from './engine-blocked';
import type { DefinitionIndex } from './engine-index';
import { nextTokenId, notGiven, nextVisit, schedule, type EngineOptions, type Work } from './engine-state';
import type { EngineEvent, EngineState, FieldProblem, OpenTask, Refusal, TaskInfo, Variables } from './engine-types';
import type { TaskNode } from './schema';
import { checkValue } from './values';

export const DEFAULT_OUTCOMES = ['done'];

export function outcomesOf(node: TaskNode): string[] {
  return node.outcomes ?? DEFAULT_OUTCOMES;
}

export function openTask(work: Work, node: TaskNode): void {
  const { state, now } = work;
  const id = `${node.id}:${nextVisit(work, node.id)}`;
  const due = node.due === undefined ? undefined : addDuration(now, durationOf(work.definition, node.id, node.due));
  // Optional fields are left out rather than set to undefined, so the state is the same
  // before and after a JSON round trip.
  const task: OpenTask = {
    id,
    node: node.id,
    assignee: node.assignee,
    openedAt: now,
    ...(due === undefined ? {} : { due }),
    outcomes: outcomesOf(node).slice(),
    escalated: false,
  };
  state.tasks.push(task);
  state.tokens.push({ id: nextTokenId(work), node: node.id, task: id });
  const info: TaskInfo = {
    ...task,
    outcomes: task.outcomes.slice(),
    ...(node.label === undefined ? {} : { label: node.label }),
    ...(node.instructions === undefined ? {} : { instructions: node.instructions }),
    form: (node.form ?? []).map((f) => ({ ...f })),
  };
  work.commands.push({ type: 'open_task', task: info });
  if (due === undefined) return;
  (node.reminders ?? []).forEach((reminder, i) => {
    const at = subtractDuration(due, durationOf(work.definition, node.id, reminder));
    // Spec 2.1: a reminder that does not fall after the opening is skipped.
    if (at > now) schedule(work, { id: `${id}:reminder:${i + 1}`, at, kind: 'reminder', node: node.id, task: id });
  });
  if (node.escalation) {
    const at = addDuration(due, durationOf(work.definition, node.id, node.escalation.after));
    schedule(work, { id: `${id}:escalation`, at, kind: 'escalation', node: node.id, task: id });
  }
}

type Completion = Extract<EngineEvent, { type: 'complete_task' }>;

/**
 * Checks a completion against the state; returns the refusal, or the values to write.
 * The role is checked before the outcome so that someone without the role learns nothing
 * about the task. Values: a key outside the form is `unknown`, a value that does not fit
 * its variable is `wrong_type` (null always, the empty string for any type but string and
 * text: spec 1), and (when enforced) a required field must be submitted in this completion —
 * a value set earlier does not count, because the person completing the task is the one
 * confirming it.
 */
export function checkCompletion(
  index: DefinitionIndex,
  state: EngineState,
  event: Completion,
  options: EngineOptions,
): { error: Refusal } | { task: OpenTask; node: TaskNode; values: Variables } {
  if (state.status !== 'running') return refuse('not_running', "L’instance n’est plus en cours.");
  const task = state.tasks.find((t) => t.id === event.task);
  if (!task) return refuse('task_not_open', `La tâche « ${event.task} » n’est pas ouverte.`);
  const roles = Array.isArray(event.actor?.roles) ? event.actor.roles : [];
  if (!roles.includes(task.assignee)) {
    // Named as people know the role: this message reaches them unchanged through the API.
    const role = index.definition.roles.find((r) => r.key === task.assignee)?.label ?? task.assignee;
    return refuse('forbidden', `Cette tâche revient au rôle « ${role} », que vous n’avez pas dans ce projet.`);
  }
  if (!task.outcomes.includes(event.outcome)) {
    return refuse('bad_outcome', `« ${event.outcome} » n’est pas une issue de cette tâche (${task.outcomes.join(', ')}).`);
  }
  const node = index.nodes.get(task.node) as TaskNode;
  const form = node.form ?? [];
  const submitted = event.values ?? {};
  const details: FieldProblem[] = [];
  const values: Variables = {};
  for (const [field, value] of Object.entries(submitted)) {
    const inForm = form.some((f) => f.var === field);
    const variable = index.variables.get(field);
    if (!inForm || !variable) {
      details.push({ field, code: 'unknown', message: `Le champ « ${field} » ne fait pas partie du formulaire.` });
      continue;
    }
    if (notGiven(value, options)) continue;
    const problem = checkValue(variable, value);
    const label = form.find((f) => f.var === field)?.label ?? variable.label ?? field;
    if (problem) details.push({ field, code: 'wrong_type', message: `Le champ « ${label} » ne convient pas (${problem}).` });
    else Object.defineProperty(values, field, { value, enumerable: true, writable: true, configurable: true });
  }
  if (options.enforceRequired) {
    for (const f of form) {
      const given = Object.prototype.hasOwnProperty.call(submitted, f.var) ? submitted[f.var] : undefined;
      // A value given with the wrong type is already reported, not missing as well.
      if (f.required && notGiven(given, options) && !details.some((d) => d.field === f.var)) {
        const label = f.label ?? index.variables.get(f.var)?.label ?? f.var;
        details.push({ field: f.var, code: 'missing', message: `Le champ « ${label} » est obligatoire.` });
      }
    }
  }
  if (details.length > 0) {
    return { error: { code: 'values_invalid', message: 'Certaines valeurs du formulaire ne conviennent pas.', details } };
  }
  return { task, node, values };
}

export function refuse(code: Refusal['code'], message: string): { error: Refusal } {
  return { error: { code, message } };
}
