// The simulator (spec section 8): script semantics, same-instant ordering, stuck, the
// 10,000-event limit, child processes, and runs of generated definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_LIMIT, SimulationScript, simulate, type SimulationEvent } from '../../dsl/simulator';
import type { Definition } from '../../dsl/schema';
import { definition, path, reviewLoop as reviewLoopDefinition } from '../support/definitions';
import { DAY, iso, scriptError, T0 } from './fixtures';
import { validDefinitions } from './valid-definitions';

/** Events as compact `[offset in days, type, node, task?/outcome?/phase?]` rows. */
const rows = (events: SimulationEvent[]) =>
  events.map((e) => {
    const row: unknown[] = [(Date.parse(e.at) - T0) / DAY, e.type, e.node];
    if (e.task) row.push(e.task);
    if (e.outcome) row.push(e.outcome);
    if (e.phase) row.push(e.phase);
    if (e.process) row.push(`@${e.process}`);
    return row;
  });

const reviewLoop = reviewLoopDefinition({ due: 'P10D' });

describe('scripts', () => {
  it('uses the n-th entry for the n-th visit, `after` counted from the opening, at once without `after`', () => {
    const script = SimulationScript.parse({
      tasks: { review: [{ outcome: 'changes_requested', after: 'P5D' }, { outcome: 'approved', after: 'P3D', values: {} }] },
    });
    const run = simulate({ definition: reviewLoop, script, start: T0 });
    expect(run.result).toBe('completed');
    expect(run.start).toBe(iso(T0));
    expect(run.end).toBe(iso(T0 + 8 * DAY));
    expect(rows(run.events)).toEqual([
      [0, 'task_opened', 'submit', 'submit:1'],
      [0, 'task_completed', 'submit', 'submit:1', 'done'],
      [0, 'task_opened', 'review', 'review:1'],
      [5, 'task_completed', 'review', 'review:1', 'changes_requested'],
      [5, 'task_opened', 'submit', 'submit:2'],
      [5, 'task_completed', 'submit', 'submit:2', 'done'],
      [5, 'task_opened', 'review', 'review:2'],
      [8, 'task_completed', 'review', 'review:2', 'approved'],
      [8, 'ended', 'end'],
    ]);
  });

  it('completes an unscripted task with its first outcome at its due instant', () => {
    const run = simulate({ definition: reviewLoop, start: T0 });
    expect(run.end).toBe(iso(T0 + 10 * DAY));
    expect(rows(run.events).slice(-2)).toEqual([
      [10, 'task_completed', 'review', 'review:1', 'approved'],
      [10, 'ended', 'end'],
    ]);
  });

  it('repeats the last entry, and stops a loop the script never leaves after exactly 10,000 events', () => {
    const script = SimulationScript.parse({ tasks: { review: [{ outcome: 'changes_requested', after: 'P1D' }] } });
    const run = simulate({ definition: reviewLoop, script, start: T0 });
    expect(run.result).toBe('limit');
    expect(run.end).toBeNull();
    expect(run.events).toHaveLength(EVENT_LIMIT);
    expect(run.events[0]).toMatchObject({ type: 'task_opened', task: 'submit:1' });
    expect(run.events[EVENT_LIMIT - 1]).toMatchObject({ type: 'task_completed', task: 'review:2500' });
  });

  it('does not enforce required input or form fields, but refuses a value of the wrong type', () => {
    const def = definition({
      variables: [{ name: 'nom', type: 'string', required: true }, { name: 'montant', type: 'number' }],
      nodes: [{ id: 'start', type: 'start' }, { id: 'fill', type: 'task', assignee: 'equipe', form: [{ var: 'montant', required: true }] }, { id: 'end', type: 'end' }],
      edges: path('start', 'fill', 'end'),
    });
    expect(simulate({ definition: def, start: T0 }).result).toBe('completed');
    const bad = SimulationScript.parse({ tasks: { fill: [{ values: { montant: 'cher' } }] } });
    expect(() => simulate({ definition: def, script: bad, start: T0 })).toThrow(
      scriptError('values_invalid', { task: 'fill:1', node: 'fill' }, [{ field: 'montant', code: 'wrong_type' }]),
    );
  });

  it('throws a ScriptError naming an outcome the task does not have', () => {
    const script = SimulationScript.parse({ tasks: { review: [{ outcome: 'rejected' }] } });
    expect(() => simulate({ definition: reviewLoop, script, start: T0 })).toThrow(scriptError('bad_outcome', { task: 'review:1', node: 'review' }));
  });

  it('refuses a script with unknown fields or a bad duration', () => {
    expect(SimulationScript.safeParse({ tasks: { review: [{ outcome: 'approved', after: '5 jours' }] } }).success).toBe(false);
    expect(SimulationScript.safeParse({ taches: {} }).success).toBe(false);
  });
});

describe('one instant, many things', () => {
  const reminded = definition({
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'work', type: 'task', assignee: 'equipe', due: 'P10D', reminders: ['P2D'], escalation: { after: 'P1D', to: ['direction'] } },
      { id: 'end', type: 'end' },
    ],
    edges: path('start', 'work', 'end'),
  });

  it('applies a completion before a reminder due at the same instant, so no reminder is sent', () => {
    const script = SimulationScript.parse({ tasks: { work: [{ after: 'P8D' }] } });
    const run = simulate({ definition: reminded, script, start: T0 });
    expect(run.events.map((e) => e.type)).toEqual(['task_opened', 'task_completed', 'ended']);
  });

  it('sends the reminder and escalation of a task still open, and nothing at its due instant', () => {
    const script = SimulationScript.parse({ tasks: { work: [{ after: 'P12D' }] } });
    const run = simulate({ definition: reminded, script, start: T0 });
    expect(rows(run.events)).toEqual([
      [0, 'task_opened', 'work', 'work:1'],
      [8, 'reminder', 'work', 'work:1'],
      [11, 'escalation', 'work', 'work:1'],
      [12, 'task_completed', 'work', 'work:1', 'done'],
      [12, 'ended', 'end'],
    ]);
  });

  it('fires timers due at one instant in the order they were scheduled, and records phases and notifications', () => {
    const def = definition({
      phases: ['etude'],
      nodes: [
        { id: 'start', type: 'start', phase: 'etude' },
        { id: 'split', type: 'parallel' },
        { id: 'w1', type: 'timer', wait: 'P1D' },
        { id: 'w2', type: 'timer', wait: 'PT24H' },
        { id: 'join', type: 'parallel' },
        { id: 'mail', type: 'notify', to: ['direction'], subject: 'Fini', body: 'Fini.' },
        { id: 'end', type: 'end' },
      ],
      edges: [...path('start', 'split'), { from: 'split', to: 'w1' }, { from: 'split', to: 'w2' }, { from: 'w1', to: 'join' }, { from: 'w2', to: 'join' }, ...path('join', 'mail', 'end')],
    });
    expect(rows(simulate({ definition: def, start: T0 }).events)).toEqual([
      [0, 'phase_entered', 'start', 'etude'],
      [1, 'timer_fired', 'w1'],
      [1, 'timer_fired', 'w2'],
      [1, 'notified', 'mail'],
      [1, 'ended', 'end'],
    ]);
  });
});

describe('stuck', () => {
  it('reports stuck, with no end, when tokens remain that nothing can move', () => {
    const def = definition({
      variables: [{ name: 'court', type: 'boolean' }],
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'split', type: 'parallel' },
        { id: 'a', type: 'task', assignee: 'equipe' },
        { id: 'x', type: 'exclusive' },
        { id: 'join', type: 'parallel' },
        { id: 'early', type: 'end' },
        { id: 'end', type: 'end' },
      ],
      edges: [
        ...path('start', 'split'),
        { from: 'split', to: 'a' },
        { from: 'split', to: 'x' },
        { from: 'x', to: 'early', when: { var: 'court', op: '==', value: true } },
        { from: 'x', to: 'join', default: true },
        { from: 'a', to: 'join' },
        ...path('join', 'end'),
      ],
    });
    const run = simulate({ definition: def, script: { input: { court: true } }, start: T0 });
    expect(run.result).toBe('stuck');
    expect(run.end).toBeNull();
    expect(simulate({ definition: def, script: { input: { court: false } }, start: T0 }).result).toBe('completed');
  });
});

describe('child processes', () => {
  const parent = definition({
    variables: [{ name: 'score', type: 'integer' }, { name: 'ville', type: 'string' }],
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'etude', type: 'subprocess', process: 'etude-marche', input: { commune: 'ville' }, output: { score: 'note' } },
      { id: 'x', type: 'exclusive' },
      { id: 'good', type: 'task', assignee: 'equipe' },
      { id: 'bad', type: 'task', assignee: 'equipe' },
      { id: 'end', type: 'end' },
    ],
    edges: [
      ...path('start', 'etude', 'x'),
      { from: 'x', to: 'good', when: { var: 'score', op: '>', value: 3 } },
      { from: 'x', to: 'bad', default: true },
      ...path('good', 'end'),
      ...path('bad', 'end'),
    ],
  });
  const child: Definition = definition({
    key: 'etude-marche',
    variables: [{ name: 'note', type: 'integer' }, { name: 'commune', type: 'string' }],
    nodes: [{ id: 'start', type: 'start' }, { id: 'c', type: 'task', assignee: 'equipe', form: [{ var: 'note' }] }, { id: 'done', type: 'end' }],
    edges: path('start', 'c', 'done'),
  });

  it('runs the child on the same clock, tags its events and brings its output back', () => {
    const script = SimulationScript.parse({ tasks: { 'etude-marche/c': [{ after: 'P2D', values: { note: 5 } }], good: [{ after: 'P1D' }] } });
    const run = simulate({ definition: parent, script, start: T0, children: (key) => (key === 'etude-marche' ? child : undefined) });
    expect(run.result).toBe('completed');
    expect(rows(run.events)).toEqual([
      [0, 'task_opened', 'c', 'c:1', '@etude-marche'],
      [2, 'task_completed', 'c', 'c:1', 'done', '@etude-marche'],
      [2, 'ended', 'done', '@etude-marche'],
      [2, 'task_opened', 'good', 'good:1'],
      [3, 'task_completed', 'good', 'good:1', 'done'],
      [3, 'ended', 'end'],
    ]);
  });

  it('completes a child at once when there is no definition for it', () => {
    const run = simulate({ definition: parent, start: T0 });
    expect(rows(run.events)).toEqual([
      [0, 'task_opened', 'bad', 'bad:1'],
      [0, 'task_completed', 'bad', 'bad:1', 'done'],
      [0, 'ended', 'end'],
    ]);
  });

  it('refuses script task keys that name no task of the definition or of its children, listing the ones that exist', () => {
    const children = (key: string) => (key === 'etude-marche' ? child : undefined);
    const script = SimulationScript.parse({ tasks: { etud: [{}], 'etude-marche/x': [{}], good: [{}], 'etude-marche/c': [{}] } });
    const run = () => simulate({ definition: parent, script, start: T0, children });
    expect(run).toThrow(scriptError('unknown_task', { keys: ['etud', 'etude-marche/x'] }));
    expect(run).toThrow(
      'tâches du script : Ces clés ne nomment aucune tâche : « etud », « etude-marche/x » (les tâches sont good, bad, etude-marche/c). [unknown_task]',
    );
    // A key of a child with no definition names nothing either; a non-task node is no task.
    expect(() => simulate({ definition: parent, script: { tasks: { 'etude-marche/c': [{}] } }, start: T0 })).toThrow(
      scriptError('unknown_task', { keys: ['etude-marche/c'] }),
    );
    expect(() => simulate({ definition: parent, script: { tasks: { x: [{}] } }, start: T0, children })).toThrow(scriptError('unknown_task', { keys: ['x'] }));
  });

  it('applies a missing child’s completion as its own step, after the other branches of the split that reached it', () => {
    const split = definition({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'fork', type: 'parallel' },
        { id: 'sub', type: 'subprocess', process: 'absent' },
        { id: 'after', type: 'notify', to: ['equipe'], subject: 'Fini', body: 'Sous-processus terminé' },
        { id: 'other', type: 'notify', to: ['equipe'], subject: 'Autre', body: 'Autre branche' },
        { id: 'join', type: 'parallel' },
        { id: 'end', type: 'end' },
      ],
      edges: [...path('start', 'fork', 'sub', 'after', 'join'), { from: 'fork', to: 'other' }, ...path('other', 'join', 'end')],
    });
    const run = simulate({ definition: split, start: T0 });
    expect(run.result).toBe('completed');
    expect(run.events.map((e) => `${e.type}:${e.node}`)).toEqual(['notified:other', 'notified:after', 'ended:end']);
  });

  it('counts visits of a child’s tasks within each run of the child', () => {
    const looping = definition({
      nodes: [{ id: 'start', type: 'start' }, { id: 'sub', type: 'subprocess', process: 'etude-marche' }, { id: 'again', type: 'task', assignee: 'equipe', outcomes: ['more', 'stop'] }, { id: 'end', type: 'end' }],
      edges: [...path('start', 'sub', 'again'), { from: 'again', to: 'sub', outcome: 'more' }, { from: 'again', to: 'end', outcome: 'stop' }],
    });
    const script = SimulationScript.parse({
      tasks: { again: [{ outcome: 'more' }, { outcome: 'stop' }], 'etude-marche/c': [{ after: 'P1D' }, { after: 'P9D' }] },
    });
    const run = simulate({ definition: looping, script, start: T0, children: () => child });
    const childTasks = run.events.filter((e) => e.process === 'etude-marche' && e.type === 'task_completed');
    // Both runs use the first entry: each run of the child counts its own visits from 1.
    expect(childTasks.map((e) => [e.task, (Date.parse(e.at) - T0) / DAY])).toEqual([['c:1', 1], ['c:1', 2]]);
    expect(run.end).toBe(iso(T0 + 2 * DAY));
  });

  it('cancels a child’s open tasks when the parent terminates', () => {
    const def = definition({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'split', type: 'parallel' },
        { id: 'sub', type: 'subprocess', process: 'etude-marche' },
        { id: 'quick', type: 'task', assignee: 'equipe' },
        { id: 'stop', type: 'end', terminate: true },
        { id: 'end', type: 'end' },
      ],
      edges: [...path('start', 'split'), { from: 'split', to: 'sub' }, { from: 'split', to: 'quick' }, ...path('sub', 'end'), ...path('quick', 'stop')],
    });
    const script = SimulationScript.parse({ tasks: { quick: [{ after: 'P1D' }], 'etude-marche/c': [{ after: 'P5D' }] } });
    const run = simulate({ definition: def, script, start: T0, children: () => child });
    expect(run.result).toBe('completed');
    expect(run.end).toBe(iso(T0 + DAY));
    expect(rows(run.events).slice(-3)).toEqual([
      [1, 'task_completed', 'quick', 'quick:1', 'done'],
      [1, 'ended', 'stop'],
      [1, 'task_cancelled', 'c', 'c:1', '@etude-marche'],
    ]);
  });
});

describe('on generated definitions', () => {
  it('runs every valid generated definition to an end without a script', () => {
    fc.assert(
      fc.property(validDefinitions, (def) => {
        const run = simulate({ definition: def, start: T0 });
        expect(['completed', 'abandoned']).toContain(run.result);
        expect(run.events.at(-1)?.type).toMatch(/ended|task_cancelled/);
        const times = run.events.map((e) => Date.parse(e.at));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
      { numRuns: 150 },
    );
  });
});
