// The run loop's other nodes: timers, phases, notifications, assignments, subprocesses,
// plus the guard against automatic cycles (speed is measured by `npm run bench`, not here).
import { describe, expect, it } from 'vitest';
import { apply, start } from '../../dsl/engine';
import type { EngineEvent } from '../../dsl/engine-types';
import { definition, path } from '../support/definitions';
import { at, DAY, iso, ofType, ok, openTaskIds, refusal, T0, types } from './fixtures';

const done = (task: string, values?: Record<string, unknown>): EngineEvent => ({
  type: 'complete_task',
  task,
  outcome: 'done',
  actor: { roles: ['equipe'] },
  ...(values ? { values } : {}),
});

describe('timers', () => {
  const waitDef = definition({
    nodes: [{ id: 'start', type: 'start' }, { id: 'pause', type: 'timer', wait: 'P1M' }, { id: 'next', type: 'task', assignee: 'equipe' }, { id: 'end', type: 'end' }],
    edges: path('start', 'pause', 'next', 'end'),
  });

  it('waits the duration, then records the firing and moves on', () => {
    const opened = at('2027-01-31T09:00:00Z');
    const first = ok(start(waitDef, {}, opened));
    expect(first.commands).toStrictEqual([
      { type: 'schedule_timer', timer: { id: 'pause:1', at: at('2027-02-28T09:00:00Z'), kind: 'timer', node: 'pause' } },
    ]);
    const fired = ok(apply(waitDef, first.state, { type: 'fire_timer', timer: 'pause:1' }, at('2027-02-28T09:00:00Z')));
    expect(types(fired.commands)).toEqual(['timer_fired', 'open_task']);
    expect(fired.state.tokens.map((t) => t.node)).toEqual(['next']);
  });

  const untilDef = definition({
    variables: [{ name: 'rentree', type: 'date' }],
    nodes: [{ id: 'start', type: 'start' }, { id: 'pause', type: 'timer', until: 'rentree' }, { id: 'next', type: 'task', assignee: 'equipe' }, { id: 'end', type: 'end' }],
    edges: path('start', 'pause', 'next', 'end'),
  });

  it('waits until midnight in Paris of an `until` date', () => {
    const { commands } = ok(start(untilDef, { rentree: '2027-09-01' }, T0));
    expect(ofType(commands, 'schedule_timer').map((c) => iso(c.timer.at))).toEqual(['2027-08-31T22:00:00.000Z']);
  });

  it('fires at once, within the same step, for an `until` date already past or missing', () => {
    for (const input of [{ rentree: '2026-12-31' }, {}, { rentree: '2027-01-04' }]) {
      const { state, commands } = ok(start(untilDef, input, T0));
      expect(commands.map((c) => c.type)).toEqual(['timer_fired', 'open_task']);
      expect(state.timers).toEqual([]);
      expect(openTaskIds(state)).toEqual(['next:1']);
    }
  });
});

describe('phases, notifications and assignments', () => {
  it('enters a phase only when it differs from the current one', () => {
    const def = definition({
      phases: ['etude', 'montage'],
      nodes: [
        { id: 'start', type: 'start', phase: 'etude' },
        { id: 'a', type: 'task', assignee: 'equipe', phase: 'etude' },
        { id: 'b', type: 'task', assignee: 'equipe' },
        { id: 'c', type: 'task', assignee: 'equipe', phase: 'montage' },
        { id: 'end', type: 'end', phase: 'montage' },
      ],
      edges: path('start', 'a', 'b', 'c', 'end'),
    });
    const first = ok(start(def, {}, T0));
    expect(ofType(first.commands, 'enter_phase')).toStrictEqual([{ type: 'enter_phase', phase: 'etude', node: 'start' }]);
    const b = ok(apply(def, first.state, done('a:1'), T0));
    expect(types(b.commands)).toEqual(['close_task', 'open_task']);
    const c = ok(apply(def, b.state, done('b:1'), T0));
    expect(ofType(c.commands, 'enter_phase')).toStrictEqual([{ type: 'enter_phase', phase: 'montage', node: 'c' }]);
    expect(c.state.phase).toBe('montage');
    const end = ok(apply(def, c.state, done('c:1'), T0));
    expect(ofType(end.commands, 'enter_phase')).toEqual([]);
  });

  it('fills notification placeholders, leaving missing values empty', () => {
    const def = definition({
      variables: [{ name: 'ecole', type: 'string' }, { name: 'nbJeunes', type: 'integer' }, { name: 'ville', type: 'string' }],
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'mail', type: 'notify', to: ['direction'], subject: 'École {{ecole}}', body: '{{ nbJeunes }} jeunes à {{ville}}.' },
        { id: 'end', type: 'end' },
      ],
      edges: path('start', 'mail', 'end'),
    });
    const { commands } = ok(start(def, { ecole: 'Lyon Sud', nbJeunes: 12 }, T0));
    expect(commands[0]).toStrictEqual({ type: 'notify', node: 'mail', to: ['direction'], subject: 'École Lyon Sud', body: '12 jeunes à .' });
  });

  it('assigns literals and copies, all reading the values from before the node', () => {
    const def = definition({
      variables: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'integer' }, { name: 'statut', type: 'string' }, { name: 'vide', type: 'integer' }, { name: 'absent', type: 'integer' }],
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'swap', type: 'set', assign: { a: { var: 'b' }, b: { var: 'a' }, statut: 'ouvert', vide: { var: 'absent' } } },
        { id: 'wait', type: 'task', assignee: 'equipe' },
        { id: 'end', type: 'end' },
      ],
      edges: path('start', 'swap', 'wait', 'end'),
    });
    const { state } = ok(start(def, { a: 1, b: 2, vide: 7 }, T0));
    expect(state.variables).toStrictEqual({ a: 2, b: 1, vide: 7, statut: 'ouvert' });
  });
});

describe('subprocesses', () => {
  const def = definition({
    variables: [{ name: 'ville', type: 'string' }, { name: 'budget', type: 'number' }, { name: 'avis', type: 'string' }],
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'etude', type: 'subprocess', process: 'etude-marche', input: { commune: 'ville' }, output: { budget: 'montant', avis: 'absent' } },
      { id: 'next', type: 'task', assignee: 'equipe' },
      { id: 'end', type: 'end' },
    ],
    edges: path('start', 'etude', 'next', 'end'),
  });

  it('starts a child with the input mapping and, when it finishes, copies the output mapping back', () => {
    const first = ok(start(def, { ville: 'Lyon', avis: 'à voir' }, T0));
    expect(first.commands).toStrictEqual([{ type: 'start_child', child: 'etude:1', node: 'etude', process: 'etude-marche', input: { commune: 'Lyon' } }]);
    expect(first.state.children).toStrictEqual([{ id: 'etude:1', node: 'etude', process: 'etude-marche' }]);
    const back = ok(apply(def, first.state, { type: 'child_finished', child: 'etude:1', result: 'completed', variables: { montant: 120000, commune: 'Lyon' } }, T0 + DAY));
    expect(back.state.variables).toStrictEqual({ ville: 'Lyon', avis: 'à voir', budget: 120000 });
    expect(back.state.children).toEqual([]);
    expect(openTaskIds(back.state)).toEqual(['next:1']);
  });

  it('refuses the result of a child it is not waiting for', () => {
    const { state } = ok(start(def, {}, T0));
    expect(refusal(apply(def, state, { type: 'child_finished', child: 'etude:2', result: 'completed', variables: {} }, T0)).code).toBe('unknown_child');
  });

  it('cancels running children when the instance is cancelled', () => {
    const { state } = ok(start(def, {}, T0));
    const step = ok(apply(def, state, { type: 'cancel' }, T0));
    expect(step.commands).toStrictEqual([{ type: 'cancel_child', child: 'etude:1', node: 'etude' }, { type: 'finish', result: 'abandoned' }]);
  });
});

describe('robustness', () => {
  it('answers blocked, naming the loop, instead of hanging on an automatic cycle', () => {
    const def = definition({
      nodes: [{ id: 'start', type: 'start' }, { id: 'x', type: 'exclusive' }, { id: 's', type: 'set', assign: {} }, { id: 'end', type: 'end' }],
      edges: [{ from: 'start', to: 'x' }, { from: 'x', to: 's', default: true }, { from: 'x', to: 'end', when: { var: 'n', op: 'exists' } }, { from: 's', to: 'x' }],
    });
    const step = start(def, {}, T0);
    expect(step).toMatchObject({ state: { status: 'blocked', blocked: { nodes: ['x', 's'] } } });
    expect('state' in step && step.state.blocked?.message).toMatch(/boucle/);
  });
});
