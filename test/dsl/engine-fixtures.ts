// Small builders shared by the engine and simulator tests: a definition from its nodes and
// edges, and helpers that fail loudly when a step is refused.
import { expect } from 'vitest';
import type { Command, EngineState, Refusal, Step, StepResult } from '../../dsl/engine-types';
import type { Definition, Edge, Node, TaskNode, Variable } from '../../dsl/schema';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (iso: string): number => Date.parse(iso);
export const iso = (ms: number): string => new Date(ms).toISOString();
/** 2027-01-04 09:00 Paris (a Monday in winter). */
export const T0 = at('2027-01-04T08:00:00Z');

export function definition(parts: {
  key?: string;
  nodes: Node[];
  edges: Array<Omit<Edge, 'id'> & { id?: string }>;
  variables?: Variable[];
  phases?: string[];
  roles?: string[];
}): Definition {
  return {
    format: 'passerelle.process/1',
    key: parts.key ?? 'test-process',
    name: 'Processus de test',
    roles: (parts.roles ?? ['equipe', 'direction']).map((key) => ({ key, label: key })),
    ...(parts.phases ? { phases: parts.phases.map((key) => ({ key, label: key })) } : {}),
    ...(parts.variables ? { variables: parts.variables } : {}),
    nodes: parts.nodes,
    edges: parts.edges.map((e, i) => ({ id: e.id ?? `e${i + 1}`, ...e })),
  };
}

/** `a -> b -> c` as edges without outcomes. */
export function chain(...ids: string[]): Array<Omit<Edge, 'id'>> {
  return ids.slice(1).map((to, i) => ({ from: ids[i], to }));
}

export function ok(result: StepResult): Step {
  if ('error' in result) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result;
}

export function refusal(result: StepResult): Refusal {
  if (!('error' in result)) throw new Error(`expected a refusal, got ${types(result.commands).join(', ')}`);
  return result.error;
}

export function types(commands: Command[]): string[] {
  return commands.map((c) => c.type);
}

export function ofType<T extends Command['type']>(commands: Command[], type: T): Array<Extract<Command, { type: T }>> {
  return commands.filter((c): c is Extract<Command, { type: T }> => c.type === type);
}

export const openTaskIds = (state: EngineState): string[] => state.tasks.map((t) => t.id);

/** Freezes a value and everything in it, so any mutation throws (ES modules are strict). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function expectUnchanged(before: EngineState, after: EngineState): void {
  expect(after).toStrictEqual(before);
}

/** submit → review, which loops back on `changes_requested`; `review` takes extra fields. */
export function reviewLoop(review: Partial<TaskNode> = {}): Definition {
  return definition({
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'submit', type: 'task', assignee: 'equipe' },
      { id: 'review', type: 'task', assignee: 'direction', outcomes: ['approved', 'changes_requested'], ...review },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { from: 'start', to: 'submit' },
      { from: 'submit', to: 'review' },
      { from: 'review', to: 'end', outcome: 'approved' },
      { from: 'review', to: 'submit', outcome: 'changes_requested' },
    ],
  });
}
