// Property tests of the simulator and the validator together (issue 12): generated valid
// definitions (tasks with outcome loops, gateways over typed variables, splits and joins,
// timers with `wait` and `until`, subprocesses with their child, `set`, phases) run with
// scripts made from them, and generated joins fed through gateways, checked against runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Condition, Definition, Edge, Node, Value, Variable } from '../../dsl/schema';
import { ScriptError, simulate, type SimulationResult, type SimulationScript } from '../../dsl/simulator';
import { checkSubprocesses, validate } from '../../dsl/validate';
import { T0 } from './fixtures';
import { richDefinitions } from './valid-definitions';

const DATES = ['0001-01-01', '2026-06-01', '2027-01-04', '2027-02-01', '2027-03-28', '2027-10-31', '2031-12-31'];

/** A value of the variable's type (spec 1), the edge cases included. */
function valueOf(variable: Variable): fc.Arbitrary<Value> {
  switch (variable.type) {
    case 'integer':
      return fc.integer({ min: -3, max: 12 });
    case 'number':
      return fc.oneof(fc.integer({ min: -3, max: 12 }), fc.double({ min: -10, max: 10, noNaN: true }));
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.constantFrom(...DATES);
    case 'email':
      return fc.constantFrom('contact@example.org', 'a@b.fr');
    case 'url':
      return fc.constantFrom('https://example.org', 'http://ecole.fr/dossier');
    case 'enum':
      return fc.constantFrom(...(variable.options ?? ['?']));
    default:
      return fc.constantFrom('', 'bien', 'Lyon', 'très bien à Lyon');
  }
}

/** Values for some of `names` (all declared in `definition`). */
function valuesFor(definition: Definition, names: string[]): fc.Arbitrary<Record<string, Value>> {
  const variables = (definition.variables ?? []).filter((v) => names.includes(v.name));
  return fc
    .tuple(...variables.map((v) => fc.option(valueOf(v), { nil: undefined })))
    .map((values) => Object.fromEntries(variables.flatMap((v, i) => (values[i] === undefined ? [] : [[v.name, values[i]]]))));
}

const AFTERS = ['PT1H', 'P1D', 'P3D', 'P2W', 'P1M'];

/** A script made from the definitions: their task keys, outcomes and variable types only. */
function scriptFor(definition: Definition, child?: Definition): fc.Arbitrary<SimulationScript> {
  // A child's tasks are keys of the script only when the definition calls that child.
  const called = child !== undefined && definition.nodes.some((n) => n.type === 'subprocess' && n.process === child.key);
  const tasks = [definition, ...(called ? [child] : [])].flatMap((def) =>
    def.nodes.flatMap((n) => (n.type === 'task' ? [{ key: def === definition ? n.id : `${def.key}/${n.id}`, node: n, def }] : [])),
  );
  const entry = (t: (typeof tasks)[number]) =>
    fc
      .record({
        outcome: fc.option(fc.constantFrom(...(t.node.outcomes ?? ['done'])), { nil: undefined }),
        after: fc.option(fc.constantFrom(...AFTERS), { nil: undefined }),
        values: fc.option(valuesFor(t.def, (t.node.form ?? []).map((f) => f.var)), { nil: undefined }),
      })
      .map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)));
  const lists = fc.tuple(...tasks.map((t) => fc.option(fc.array(entry(t), { maxLength: 3 }), { nil: undefined })));
  const input = valuesFor(definition, (definition.variables ?? []).map((v) => v.name));
  return fc.record({ input, lists }).map(({ input: given, lists: chosen }) => ({
    input: given,
    tasks: Object.fromEntries(tasks.flatMap((t, i) => (chosen[i] === undefined ? [] : [[t.key, chosen[i]!]]))),
  }));
}

/** What every timeline must be (spec 8), whatever the definition and script. */
function checkRun(run: SimulationResult): void {
  expect(['completed', 'abandoned', 'stuck', 'limit']).toContain(run.result);
  expect(run.events.length).toBeLessThanOrEqual(10_000);
  const times = run.events.map((e) => Date.parse(e.at));
  for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  if (run.result === 'stuck' || run.result === 'limit') {
    expect(run.end).toBeNull();
  } else {
    expect(run.end).not.toBeNull();
    if (times.length > 0) expect(Date.parse(run.end!)).toBeGreaterThanOrEqual(times[times.length - 1]);
  }
}

const withScript = richDefinitions.chain(({ definition, child }) => scriptFor(definition, child).map((script) => ({ definition, child, script })));

describe('the simulator on generated definitions and scripts', () => {
  it('generates only definitions that the validator and the checks against their child accept', () => {
    fc.assert(
      fc.property(richDefinitions, ({ definition, child }) => {
        expect(validate(definition).errors).toEqual([]);
        expect(validate(child).errors).toEqual([]);
        expect(checkSubprocesses({ enfant: child }, definition)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on a script made from the definition, and ends every run completed, abandoned, stuck or limit, in time order', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(withScript, ({ definition, child, script }) => {
        const run = simulate({ definition, script, start: T0, children: (key) => (key === 'enfant' ? child : undefined) });
        checkRun(run);
        seen.add(run.result);
      }),
      { numRuns: 150 },
    );
    // The generator reaches the endings that matter here (abandoned needs a terminating end
    // whose condition holds, which is rarer).
    for (const result of ['completed', 'stuck', 'limit']) expect([...seen], result).toContain(result);
  });

  it('never refuses its own default script: none at all, or an empty one', () => {
    fc.assert(
      fc.property(richDefinitions, ({ definition, child }) => {
        const children = (key: string) => (key === 'enfant' ? child : undefined);
        checkRun(simulate({ definition, start: T0, children }));
        checkRun(simulate({ definition, script: { input: {}, tasks: {} }, start: T0 }));
      }),
      { numRuns: 150 },
    );
  });

  it('answers a wrong script entry with a ScriptError and nothing else', () => {
    const wrong = fc.constantFrom<Record<string, unknown>>({ outcome: 'inexistante' }, { values: { n: 'douze' } }, { values: { ok: '' } }, { values: { d: '0000-01-01' } }, { values: { note: null } });
    fc.assert(
      fc.property(richDefinitions, wrong, fc.nat(), ({ definition, child }, entry, pick) => {
        const tasks = definition.nodes.filter((n) => n.type === 'task');
        const key = tasks[pick % tasks.length]?.id;
        if (key === undefined) return;
        try {
          checkRun(simulate({ definition, script: { tasks: { [key]: [entry] } } as SimulationScript, start: T0, children: () => child }));
        } catch (error) {
          expect(error).toBeInstanceOf(ScriptError);
        }
      }),
      { numRuns: 150 },
    );
  });
});

// ---- joins fed through gateways ----------------------------------------------------------

const CONDITIONS: Condition[] = [
  { var: 'ok', op: '==', value: true },
  { var: 'n', op: '>', value: 5 },
  { var: 'note', op: 'exists' },
  { not: { var: 'ok', op: '==', value: true } },
];

/**
 * start → fork (a split, a gateway or a task with outcomes) → branch tasks → one or two
 * gateways → lane tasks → the join (or the end) → `after` (a notify: it fires when, and
 * only when, the join has filled) → end; a lane may instead loop back to the fork.
 */
const target = fc.oneof(
  { weight: 6, arbitrary: fc.constant('join' as const) },
  { weight: 2, arbitrary: fc.constant('end' as const) },
  { weight: 1, arbitrary: fc.constant('fork' as const) },
);
const joinShape = fc.record({
  fork: fc.oneof(
    { weight: 4, arbitrary: fc.constant('parallel' as const) },
    { weight: 1, arbitrary: fc.constant('exclusive' as const) },
    { weight: 1, arbitrary: fc.constant('task' as const) },
  ),
  branches: fc.array(fc.record({ gate: fc.nat(1), form: fc.nat(7) }), { minLength: 2, maxLength: 3 }),
  lanes: fc.array(fc.record({ gate: fc.nat(1), condition: fc.nat(3), to: target }), { minLength: 1, maxLength: 4 }),
  defaults: fc.array(target, { minLength: 2, maxLength: 2 }),
});

type JoinShape = typeof joinShape extends fc.Arbitrary<infer S> ? S : never;

function buildJoin(shape: JoinShape): Definition {
  const nodes: Node[] = [{ id: 'start', type: 'start' }];
  const edges: Edge[] = [];
  const link = (from: string, to: string, extra: Partial<Edge> = {}) => edges.push({ id: `e${edges.length + 1}`, from, to, ...extra });
  const formVars = ['ok', 'n', 'note'];
  const k = shape.branches.length;
  const outcomes = shape.branches.map((_, i) => `o${i}`);
  nodes.push(
    shape.fork === 'task'
      ? { id: 'fork', type: 'task', assignee: 'r', outcomes, form: [{ var: 'ok' }] }
      : { id: 'fork', type: shape.fork },
  );
  link('start', 'fork');
  shape.branches.forEach((b, i) => {
    const id = `b${i}`;
    // Every branch task may set `ok`, which most gateway conditions read.
    nodes.push({ id, type: 'task', assignee: 'r', form: formVars.filter((_, bit) => ((b.form | 1) >> bit) & 1).map((v) => ({ var: v })) });
    if (shape.fork === 'task') link('fork', id, { outcome: outcomes[i] });
    else if (shape.fork === 'exclusive') link('fork', id, i === k - 1 ? { default: true } : { when: CONDITIONS[i % CONDITIONS.length] });
    else link('fork', id);
    link(id, `g${b.gate}`);
  });
  const gates = [...new Set(shape.branches.map((b) => b.gate))];
  const toTarget = (to: 'join' | 'end' | 'fork') => (to === 'join' ? 'j' : to === 'end' ? 'end' : 'fork');
  for (const g of gates) {
    nodes.push({ id: `g${g}`, type: 'exclusive' });
    const mine = shape.lanes.map((l, i) => ({ ...l, i })).filter((l) => l.gate === g);
    if (mine.length === 0) mine.push({ gate: g, condition: 0, to: 'end', i: 100 + g });
    for (const lane of mine) {
      const id = `l${lane.i}`;
      nodes.push({ id, type: 'task', assignee: 'r' });
      link(`g${g}`, id, { when: CONDITIONS[lane.condition] });
      link(id, toTarget(lane.to));
    }
    const fallback = `d${g}`;
    nodes.push({ id: fallback, type: 'task', assignee: 'r' });
    link(`g${g}`, fallback, { default: true });
    link(fallback, toTarget(shape.defaults[g]));
  }
  nodes.push({ id: 'j', type: 'parallel' }, { id: 'after', type: 'notify', to: ['r'], subject: 'Jonction', body: 'passée' }, { id: 'end', type: 'end' });
  link('j', 'after');
  link('after', 'end');
  // A join needs two incoming edges, and more than the tokens could ever bring would make
  // nearly every join a deadlock: keep between two and one per branch.
  const into = () => edges.filter((e) => e.to === 'j').length;
  for (const e of edges) if (into() < 2 && /^[ld]\d/.test(e.from) && e.to !== 'j') e.to = 'j';
  for (const e of edges.slice().reverse()) if (into() > Math.max(2, k) && e.to === 'j') e.to = 'end';
  return {
    format: 'passerelle.process/1',
    key: 'jonction',
    name: 'Jonction générée',
    roles: [{ key: 'r', label: 'R' }],
    variables: [
      { name: 'ok', type: 'boolean' },
      { name: 'n', type: 'integer' },
      { name: 'note', type: 'text' },
    ],
    nodes,
    edges,
  };
}

/** Whether every input of the join comes from a lane of one same gateway. */
function oneGateway(definition: Definition): boolean {
  const gateOf = (lane: string) => definition.edges.find((e) => e.to === lane)?.from;
  return new Set(definition.edges.filter((e) => e.to === 'j').map((e) => gateOf(e.from))).size === 1;
}

const joinCases = joinShape.map(buildJoin).chain((definition) =>
  fc.array(scriptFor(definition), { minLength: 1, maxLength: 3 }).map((scripts) => ({ definition, scripts })),
);

describe('join_deadlock against runs', () => {
  it('is never reported for a join that a run filled', () => {
    let reported = 0;
    let filled = 0;
    // Joins whose inputs all leave one gateway: the dominators alone would call them deadlocked.
    let filledThroughOneGateway = 0;
    fc.assert(
      fc.property(joinCases, ({ definition, scripts }) => {
        const errors = validate(definition).errors;
        // The shapes are otherwise valid: only the join can be wrong.
        expect(errors.filter((e) => e.code !== 'join_deadlock')).toEqual([]);
        const deadlocked = errors.length > 0;
        if (deadlocked) reported += 1;
        for (const script of [undefined, ...scripts]) {
          const run = simulate({ definition, script, start: T0 });
          checkRun(run);
          const joined = run.events.some((e) => e.type === 'notified' && e.node === 'after');
          if (joined) filled += 1;
          if (joined && oneGateway(definition)) filledThroughOneGateway += 1;
          if (deadlocked) expect(joined).toBe(false);
        }
      }),
      { numRuns: 250 },
    );
    // Both sides are exercised: joins reported, and joins filled, issue 12's kind included.
    expect(reported).toBeGreaterThan(20);
    expect(filled).toBeGreaterThan(25);
    expect(filledThroughOneGateway).toBeGreaterThan(5);
  });
});
