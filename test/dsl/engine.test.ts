// The engine's reducer: starting, tasks and their refusals, gateways, ends and cancelling.
import { describe, expect, it } from 'vitest';
import { apply, start } from '../../dsl/engine';
import type { EngineEvent, EngineState } from '../../dsl/engine-types';
import { definition, path, reviewLoop as reviewLoopDefinition } from '../support/definitions';
import { DAY, deepFreeze, HOUR, ofType, ok, openTaskIds, refusal, T0, types } from './fixtures';

const equipe = { roles: ['equipe'] };
const direction = { roles: ['direction'] };
const complete = (task: string, outcome = 'done', values?: Record<string, unknown>, actor = equipe): EngineEvent => ({
  type: 'complete_task',
  task,
  outcome,
  actor,
  ...(values ? { values } : {}),
});

const reviewLoop = reviewLoopDefinition();

describe('starting an instance', () => {
  const def = definition({
    variables: [
      { name: 'nom', type: 'string', required: true },
      { name: 'nbJeunes', type: 'integer', default: 12 },
      { name: 'urgent', type: 'boolean' },
    ],
    nodes: [{ id: 'start', type: 'start' }, { id: 'work', type: 'task', assignee: 'equipe' }, { id: 'end', type: 'end' }],
    edges: path('start', 'work', 'end'),
  });

  it('fills defaults and opens the first task', () => {
    const { state, commands } = ok(start(def, { nom: 'Lyon' }, T0));
    expect(state.variables).toStrictEqual({ nom: 'Lyon', nbJeunes: 12 });
    expect(state.status).toBe('running');
    expect(types(commands)).toEqual(['open_task']);
    expect(ofType(commands, 'open_task')[0].task).toMatchObject({ id: 'work:1', node: 'work', assignee: 'equipe', openedAt: T0 });
  });

  it('refuses unknown, wrongly typed and missing required input, field by field', () => {
    const error = refusal(start(def, { nbJeunes: 'douze', ville: 'Lyon' }, T0));
    expect(error.code).toBe('input_invalid');
    expect(error.details?.map((d) => [d.field, d.code])).toEqual([
      ['nbJeunes', 'wrong_type'],
      ['ville', 'unknown'],
      ['nom', 'missing'],
    ]);
  });

  it('reports a required input of the wrong type once, as wrong_type naming its label, not also as missing', () => {
    const labelled = definition({
      variables: [{ name: 'nbJeunes', type: 'integer', label: 'Nombre de jeunes', required: true }],
      nodes: [{ id: 'start', type: 'start' }, { id: 'work', type: 'task', assignee: 'equipe' }, { id: 'end', type: 'end' }],
      edges: path('start', 'work', 'end'),
    });
    expect(refusal(start(labelled, { nbJeunes: 'douze' }, T0)).details).toEqual([
      { field: 'nbJeunes', code: 'wrong_type', message: 'La valeur « Nombre de jeunes » ne convient pas (attendu : un nombre entier).' },
    ]);
  });

  it('finishes at once when start leads straight to an end', () => {
    const straight = definition({ nodes: [{ id: 's', type: 'start' }, { id: 'e', type: 'end' }], edges: path('s', 'e') });
    const { state, commands } = ok(start(straight, {}, T0));
    expect(commands).toStrictEqual([
      { type: 'end_reached', node: 'e', result: 'completed' },
      { type: 'finish', result: 'completed' },
    ]);
    expect(state).toMatchObject({ status: 'completed', result: 'completed', finishedAt: T0 });
  });
});

describe('tasks', () => {
  it('counts visits per node in task ids around a loop', () => {
    let { state } = ok(start(reviewLoop, {}, T0));
    expect(openTaskIds(state)).toEqual(['submit:1']);
    state = ok(apply(reviewLoop, state, complete('submit:1'), T0 + HOUR)).state;
    expect(openTaskIds(state)).toEqual(['review:1']);
    const back = ok(apply(reviewLoop, state, complete('review:1', 'changes_requested', undefined, direction), T0 + 2 * HOUR));
    expect(types(back.commands)).toEqual(['close_task', 'open_task']);
    expect(openTaskIds(back.state)).toEqual(['submit:2']);
    state = ok(apply(reviewLoop, back.state, complete('submit:2'), T0 + 3 * HOUR)).state;
    expect(openTaskIds(state)).toEqual(['review:2']);
    const last = ok(apply(reviewLoop, state, complete('review:2', 'approved', undefined, direction), T0 + 4 * HOUR));
    expect(types(last.commands)).toEqual(['close_task', 'end_reached', 'finish']);
    expect(last.state).toMatchObject({ status: 'completed', tasks: [], tokens: [], finishedAt: T0 + 4 * HOUR });
  });

  const formDef = definition({
    variables: [
      { name: 'montant', type: 'number' },
      { name: 'avis', type: 'text' },
      { name: 'decision', type: 'enum', options: ['oui', 'non'] },
    ],
    nodes: [
      { id: 'start', type: 'start' },
      {
        id: 'decide',
        type: 'task',
        assignee: 'direction',
        outcomes: ['approved', 'rejected'],
        form: [{ var: 'montant', required: true }, { var: 'avis' }],
      },
      { id: 'yes', type: 'end' },
      { id: 'no', type: 'end', result: 'abandoned' },
    ],
    edges: [
      { from: 'start', to: 'decide' },
      { from: 'decide', to: 'yes', outcome: 'approved' },
      { from: 'decide', to: 'no', outcome: 'rejected' },
    ],
  });

  it('writes submitted values, closes the task and follows the outcome edge', () => {
    const { state } = ok(start(formDef, {}, T0));
    const step = ok(apply(formDef, state, complete('decide:1', 'rejected', { montant: 1500.5, avis: 'trop cher' }, direction), T0));
    expect(step.commands[0]).toStrictEqual({
      type: 'close_task',
      task: 'decide:1',
      node: 'decide',
      outcome: 'rejected',
      values: { montant: 1500.5, avis: 'trop cher' },
      actor: direction,
    });
    expect(step.state.variables).toStrictEqual({ montant: 1500.5, avis: 'trop cher' });
    expect(step.state).toMatchObject({ status: 'abandoned', result: 'abandoned' });
  });

  it('refuses a completion by a user without the assignee role', () => {
    const { state } = ok(start(formDef, {}, T0));
    expect(refusal(apply(formDef, state, complete('decide:1', 'approved', { montant: 1 }, equipe), T0)).code).toBe('forbidden');
  });

  it('refuses an outcome the task does not have', () => {
    const { state } = ok(start(formDef, {}, T0));
    expect(refusal(apply(formDef, state, complete('decide:1', 'done', { montant: 1 }, direction), T0)).code).toBe('bad_outcome');
  });

  it('refuses a task that is not open', () => {
    const { state } = ok(start(formDef, {}, T0));
    expect(refusal(apply(formDef, state, complete('decide:2', 'approved', { montant: 1 }, direction), T0)).code).toBe('task_not_open');
  });

  it('lists every missing, unknown and wrongly typed value', () => {
    const { state } = ok(start(formDef, {}, T0));
    const error = refusal(apply(formDef, state, complete('decide:1', 'approved', { avis: 3, decision: 'oui' }, direction), T0));
    expect(error.code).toBe('values_invalid');
    expect(error.details?.map((d) => [d.field, d.code])).toEqual([
      ['avis', 'wrong_type'],
      ['decision', 'unknown'],
      ['montant', 'missing'],
    ]);
  });

  it('names a wrongly typed field by the label its form gives it, as for a missing one', () => {
    const labelled = definition({
      variables: [{ name: 'budget', type: 'number', label: 'Budget (€)' }],
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'chiffrer', type: 'task', assignee: 'equipe', form: [{ var: 'budget', required: true, label: 'Budget de la première année (€)' }] },
        { id: 'end', type: 'end' },
      ],
      edges: path('start', 'chiffrer', 'end'),
    });
    const { state } = ok(start(labelled, {}, T0));
    expect(refusal(apply(labelled, state, complete('chiffrer:1', 'done', { budget: 'beaucoup' }), T0)).details).toEqual([
      { field: 'budget', code: 'wrong_type', message: 'Le champ « Budget de la première année (€) » ne convient pas (attendu : un nombre).' },
    ]);
  });

  it('counts a required field as missing when it is blank, even if the variable already holds a value', () => {
    const { state } = ok(start(formDef, {}, T0));
    const prefilled: EngineState = { ...state, variables: { montant: 10 } };
    expect(refusal(apply(formDef, prefilled, complete('decide:1', 'approved', {}, direction), T0)).details).toEqual([
      expect.objectContaining({ field: 'montant', code: 'missing' }),
    ]);
    expect(refusal(apply(formDef, state, complete('decide:1', 'approved', { montant: null }, direction), T0)).code).toBe('values_invalid');
  });

  it('changes nothing when it refuses, and never mutates the state it is given', () => {
    const { state } = ok(start(formDef, {}, T0));
    const snapshot = structuredClone(state);
    deepFreeze(state);
    const events: EngineEvent[] = [
      complete('decide:1', 'approved', { montant: 'beaucoup' }, direction),
      complete('decide:1', 'approved', { montant: 1 }, equipe),
      complete('decide:1', 'maybe', { montant: 1 }, direction),
      complete('decide:9', 'approved', { montant: 1 }, direction),
      { type: 'fire_timer', timer: 'nope' },
      { type: 'child_finished', child: 'nope:1', result: 'completed', variables: {} },
    ];
    for (const event of events) {
      refusal(apply(formDef, state, event, T0 + DAY));
      expect(state).toStrictEqual(snapshot);
    }
    // A successful step on a frozen state would throw if it changed anything in place.
    const next = ok(apply(formDef, state, complete('decide:1', 'approved', { montant: 1 }, direction), T0 + DAY));
    expect(next.state.status).toBe('completed');
    expect(state).toStrictEqual(snapshot);
  });

  it('refuses every event once the instance is over', () => {
    const { state } = ok(start(formDef, {}, T0));
    const over = ok(apply(formDef, state, { type: 'cancel' }, T0)).state;
    expect(refusal(apply(formDef, over, complete('decide:1', 'approved', { montant: 1 }, direction), T0)).code).toBe('not_running');
    expect(refusal(apply(formDef, over, { type: 'cancel' }, T0)).code).toBe('not_running');
  });
});

describe('gateways', () => {
  const parallelDef = definition({
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'split', type: 'parallel' },
      { id: 'a', type: 'task', assignee: 'equipe' },
      { id: 'b', type: 'task', assignee: 'equipe' },
      { id: 'join', type: 'parallel' },
      { id: 'after', type: 'task', assignee: 'equipe' },
      { id: 'end', type: 'end' },
    ],
    edges: [...path('start', 'split'), { from: 'split', to: 'a' }, { from: 'split', to: 'b' }, { from: 'a', to: 'join' }, { from: 'b', to: 'join' }, ...path('join', 'after', 'end')],
  });

  it('splits one token per outgoing edge and joins once every incoming edge has one', () => {
    const first = ok(start(parallelDef, {}, T0));
    expect(openTaskIds(first.state)).toEqual(['a:1', 'b:1']);
    const afterB = ok(apply(parallelDef, first.state, complete('b:1'), T0 + HOUR));
    expect(types(afterB.commands)).toEqual(['close_task']);
    expect(afterB.state.tokens.filter((t) => t.node === 'join')).toHaveLength(1);
    const afterA = ok(apply(parallelDef, afterB.state, complete('a:1'), T0 + 2 * HOUR));
    expect(types(afterA.commands)).toEqual(['close_task', 'open_task']);
    expect(openTaskIds(afterA.state)).toEqual(['after:1']);
    expect(afterA.state.tokens.map((t) => t.node)).toEqual(['after']);
  });

  const exclusiveDef = definition({
    variables: [{ name: 'n', type: 'integer' }],
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'x', type: 'exclusive' },
      { id: 'big', type: 'task', assignee: 'equipe' },
      { id: 'huge', type: 'task', assignee: 'equipe' },
      { id: 'other', type: 'task', assignee: 'equipe' },
      { id: 'end', type: 'end' },
    ],
    edges: [
      { from: 'start', to: 'x' },
      { from: 'x', to: 'other', default: true },
      { from: 'x', to: 'big', when: { var: 'n', op: '>', value: 10 } },
      { from: 'x', to: 'huge', when: { var: 'n', op: '>', value: 100 } },
      ...path('big', 'end'),
      ...path('huge', 'end'),
      ...path('other', 'end'),
    ],
  });

  it('takes the first edge in document order whose condition holds', () => {
    expect(openTaskIds(ok(start(exclusiveDef, { n: 500 }, T0)).state)).toEqual(['big:1']);
  });

  it('takes the default edge when no condition holds, including when the variable has no value', () => {
    expect(openTaskIds(ok(start(exclusiveDef, { n: 3 }, T0)).state)).toEqual(['other:1']);
    expect(openTaskIds(ok(start(exclusiveDef, {}, T0)).state)).toEqual(['other:1']);
  });
});

describe('ends', () => {
  const terminateDef = definition({
    nodes: [
      { id: 'start', type: 'start' },
      { id: 'split', type: 'parallel' },
      { id: 'stop', type: 'task', assignee: 'equipe', due: 'P10D', reminders: ['P2D'] },
      { id: 'slow', type: 'task', assignee: 'equipe', due: 'P10D', reminders: ['P1D'] },
      { id: 'wait', type: 'timer', wait: 'P30D' },
      { id: 'kill', type: 'end', result: 'abandoned', terminate: true },
      { id: 'end', type: 'end' },
    ],
    edges: [
      ...path('start', 'split'),
      { from: 'split', to: 'stop' },
      { from: 'split', to: 'slow' },
      { from: 'split', to: 'wait' },
      ...path('stop', 'kill'),
      ...path('slow', 'end'),
      ...path('wait', 'end'),
    ],
  });

  it('a terminating end cancels open tasks and timers and finishes with its result', () => {
    const { state } = ok(start(terminateDef, {}, T0));
    expect(openTaskIds(state)).toEqual(['stop:1', 'slow:1']);
    const step = ok(apply(terminateDef, state, complete('stop:1'), T0 + DAY));
    expect(step.commands).toStrictEqual([
      { type: 'close_task', task: 'stop:1', node: 'stop', outcome: 'done', values: {}, actor: equipe },
      { type: 'cancel_timer', timer: 'stop:1:reminder:1' },
      { type: 'end_reached', node: 'kill', result: 'abandoned' },
      { type: 'cancel_task', task: 'slow:1', node: 'slow' },
      { type: 'cancel_timer', timer: 'slow:1:reminder:1' },
      { type: 'cancel_timer', timer: 'wait:1' },
      { type: 'finish', result: 'abandoned' },
    ]);
    expect(step.state).toMatchObject({ status: 'abandoned', result: 'abandoned', tasks: [], timers: [], tokens: [] });
  });

  it('without terminate, the instance finishes only when the last token is consumed, with the last end’s result', () => {
    const def = definition({
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'split', type: 'parallel' },
        { id: 'a', type: 'task', assignee: 'equipe' },
        { id: 'b', type: 'task', assignee: 'equipe' },
        { id: 'lost', type: 'end', result: 'abandoned' },
        { id: 'won', type: 'end' },
      ],
      edges: [...path('start', 'split'), { from: 'split', to: 'a' }, { from: 'split', to: 'b' }, ...path('a', 'lost'), ...path('b', 'won')],
    });
    const { state } = ok(start(def, {}, T0));
    const one = ok(apply(def, state, complete('b:1'), T0));
    expect(types(one.commands)).toEqual(['close_task', 'end_reached']);
    expect(one.state.status).toBe('running');
    const two = ok(apply(def, one.state, complete('a:1'), T0));
    expect(two.commands.slice(1)).toStrictEqual([
      { type: 'end_reached', node: 'lost', result: 'abandoned' },
      { type: 'finish', result: 'abandoned' },
    ]);
  });

  it('cancelling closes open tasks as cancelled, calls off timers and children, and ends abandoned', () => {
    const { state } = ok(start(terminateDef, {}, T0));
    const step = ok(apply(terminateDef, state, { type: 'cancel', reason: 'projet arrêté' }, T0 + HOUR));
    expect(types(step.commands)).toEqual(['cancel_task', 'cancel_task', 'cancel_timer', 'cancel_timer', 'cancel_timer', 'finish']);
    expect(step.state).toMatchObject({ status: 'abandoned', result: 'abandoned', tasks: [], timers: [], tokens: [], finishedAt: T0 + HOUR });
  });
});
