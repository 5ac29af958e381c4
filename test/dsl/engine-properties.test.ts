// Property tests: random valid definitions driven by random events (many refused on
// purpose) keep the engine's invariants, stay deterministic and survive JSON round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, start } from '../../dsl/engine';
import type { Command, EngineEvent, EngineState, StepResult } from '../../dsl/engine-types';
import type { Definition } from '../../dsl/schema';
import { validate } from '../../dsl/validate';
import { blocks, buildDefinition, validDefinitions } from './valid-definitions';

/** One outside action, described relative to whatever the state holds when it is applied. */
const action = fc.record({
  kind: fc.oneof(
    { weight: 12, arbitrary: fc.constant('complete' as const) },
    { weight: 4, arbitrary: fc.constant('timer' as const) },
    { weight: 2, arbitrary: fc.constant('child' as const) },
    { weight: 1, arbitrary: fc.constant('bogus' as const) },
    { weight: 1, arbitrary: fc.constant('cancel' as const) },
  ),
  pick: fc.nat(50),
  outcome: fc.nat(10),
  values: fc.nat(5),
  rightRole: fc.nat(5),
  minutes: fc.nat(60 * 24 * 20),
});
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

const input = fc.record({ n: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }), ok: fc.option(fc.boolean(), { nil: undefined }), d: fc.option(fc.constantFrom('2026-01-01', '2027-03-28', '2027-10-31'), { nil: undefined }) }).map((r) =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)),
);

const GOOD: Record<string, unknown> = { n: 7, ok: true, note: 'bien' };

/** Values for a task's form: mostly right (so instances move), sometimes wrong on purpose. */
function valuesFor(definition: Definition, nodeId: string, mode: number): Record<string, unknown> | undefined {
  const node = definition.nodes.find((n) => n.id === nodeId);
  const form = node?.type === 'task' ? (node.form ?? []) : [];
  const right = Object.fromEntries(form.map((f) => [f.var, GOOD[f.var]]));
  switch (mode) {
    case 0: return undefined;
    case 1: return { ...right, n: 'sept' };
    case 2: return { ...right, inconnu: 1 };
    default: return right;
  }
}

/** Turns an action into an event for the current state (some deliberately refused). */
function eventFor(definition: Definition, state: EngineState, a: Action): EngineEvent {
  const pick = <T>(list: T[]): T | undefined => (list.length === 0 ? undefined : list[a.pick % list.length]);
  switch (a.kind) {
    case 'complete': {
      const task = pick(state.tasks);
      if (!task) return { type: 'fire_timer', timer: pick(state.timers)?.id ?? 'aucun' };
      const outcome = a.outcome === 10 ? 'inexistante' : task.outcomes[a.outcome % task.outcomes.length];
      const values = valuesFor(definition, task.node, a.values);
      return { type: 'complete_task', task: task.id, outcome, actor: { roles: a.rightRole === 0 ? ['personne'] : [task.assignee] }, ...(values ? { values } : {}) };
    }
    case 'timer':
      return { type: 'fire_timer', timer: pick(state.timers)?.id ?? 'aucun' };
    case 'child':
      return { type: 'child_finished', child: pick(state.children)?.id ?? 'aucun:1', result: 'completed', variables: { resultat: 'fini' } };
    case 'cancel':
      return { type: 'cancel' };
    case 'bogus':
      return { type: 'complete_task', task: 'fantome:1', outcome: 'done', actor: { roles: ['equipe'] } };
  }
}

interface Trace {
  steps: StepResult[];
  final: EngineState;
}

/** Drives one instance through the actions, checking the invariants at every step. */
function drive(definition: Definition, given: Record<string, unknown>, actions: Action[], t0: number): Trace {
  const first = start(definition, given, t0);
  if ('error' in first) throw new Error(`start refused: ${first.error.message}`);
  const steps: StepResult[] = [first];
  const open = new Set<string>();
  const timers = new Set<string>();
  const record = (commands: Command[]) => {
    for (const c of commands) {
      if (c.type === 'open_task') open.add(c.task.id);
      if (c.type === 'close_task' || c.type === 'cancel_task') open.delete(c.task);
      if (c.type === 'schedule_timer') timers.add(c.timer.id);
      if (c.type === 'cancel_timer') timers.delete(c.timer);
    }
  };
  record(first.commands);
  let state = first.state;
  let now = t0;
  for (const a of actions) {
    now += a.minutes * 60_000;
    const event = eventFor(definition, state, a);
    const before = JSON.stringify(state);
    const result = apply(definition, state, event, now);
    // The state given is never changed, whatever the outcome.
    expect(JSON.stringify(state)).toBe(before);
    // Continuing from a JSON round trip of the state gives exactly the same step.
    expect(apply(definition, JSON.parse(before) as EngineState, event, now)).toStrictEqual(result);
    steps.push(result);
    if ('error' in result) continue;
    if (event.type === 'fire_timer') timers.delete(event.timer);
    record(result.commands);
    state = result.state;
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
    expect(state.tasks.map((t) => t.id).sort()).toEqual([...open].sort());
    expect(state.timers.map((t) => t.id).sort()).toEqual([...timers].sort());
    if (state.status !== 'running') {
      expect(state).toMatchObject({ tasks: [], timers: [], tokens: [], children: [] });
    } else {
      // Every waiting token is accounted for by what it waits on.
      for (const token of state.tokens) {
        if (token.task) expect(open.has(token.task)).toBe(true);
        if (token.timer) expect(timers.has(token.timer)).toBe(true);
        if (token.child) expect(state.children.some((c) => c.id === token.child)).toBe(true);
      }
    }
  }
  return { steps, final: state };
}

describe('engine properties', () => {
  it('the generator only makes definitions the validator accepts', () => {
    fc.assert(
      fc.property(validDefinitions, (definition) => {
        const result = validate(definition);
        expect(result.errors).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('random events on random valid definitions never throw, keep open tasks and timers in step with the commands, and survive JSON round trips', () => {
    const t0 = Date.parse('2027-01-04T08:00:00Z');
    let finished = 0;
    let completed = 0;
    fc.assert(
      fc.property(blocks, input, fc.array(action, { minLength: 5, maxLength: 40 }), (parts, given, actions) => {
        const trace = drive(buildDefinition(parts), given, actions, t0);
        if (trace.final.status !== 'running') finished += 1;
        for (const step of trace.steps) if ('commands' in step) completed += step.commands.filter((c) => c.type === 'close_task').length;
      }),
      { numRuns: 800 },
    );
    // The events must actually move instances, not only be refused.
    expect(finished).toBeGreaterThan(100);
    expect(completed).toBeGreaterThan(400);
  });

  it('runs are deterministic: the same definition, input and events give the same steps', () => {
    const t0 = Date.parse('2027-03-27T11:00:00Z');
    fc.assert(
      fc.property(blocks, input, fc.array(action, { minLength: 5, maxLength: 30 }), (parts, given, actions) => {
        // Two separately built (equal) definitions, so no cache or shared object can hide a difference.
        const one = drive(buildDefinition(parts), given, actions, t0);
        const two = drive(buildDefinition(parts), given, actions, t0);
        expect(two).toStrictEqual(one);
      }),
      { numRuns: 200 },
    );
  });
});
