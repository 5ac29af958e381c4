// Steps that cannot be completed are answered, never thrown: a loop that never waits (issue
// 12's minimal document) blocks the instance, keeping the state it had before the step, and
// the simulator reports it as `limit` with the first 10,000 events of the endless run.
import { describe, expect, it } from 'vitest';
import { apply, applyWith, start, startWith } from '../../dsl/engine';
import type { EngineEvent, EngineState } from '../../dsl/engine-types';
import { EVENT_LIMIT, simulate } from '../../dsl/simulator';
import { validate } from '../../dsl/validate';
import { definition, path } from '../support/definitions';
import { ok, refusal, T0, types } from './fixtures';
import { loopWithoutWait } from './issue-12-documents';

const issueLoop = loopWithoutWait();

/** The same loop entered by completing a task first. */
const afterTask = definition({
  variables: [{ name: 'd', type: 'date' }, { name: 'k', type: 'boolean' }],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'prepare', type: 'task', assignee: 'equipe', form: [{ var: 'k' }] },
    { id: 'w', type: 'timer', until: 'd', label: 'Attendre' },
    { id: 'g', type: 'exclusive' },
    { id: 'end', type: 'end' },
  ],
  edges: [...path('start', 'prepare', 'w', 'g'), { from: 'g', to: 'w', when: { var: 'k', op: '==', value: true } }, { from: 'g', to: 'end', default: true }],
});
const prepare = (k: boolean): EngineEvent => ({ type: 'complete_task', task: 'prepare:1', outcome: 'done', values: { k }, actor: { roles: ['equipe'] } });

describe('a step that never stops moving', () => {
  it('blocks the instance at its start with a French reason naming the loop, and carries nothing out', () => {
    expect(validate(issueLoop).errors).toEqual([]);
    const step = ok(start(issueLoop, { k: true }, T0));
    expect(step.state).toMatchObject({ status: 'blocked', variables: { k: true }, tokens: [], tasks: [], timers: [], visits: {} });
    expect(step.state.blocked?.nodes).toEqual(['w', 'n', 'g']);
    expect(step.state.blocked?.message).toMatch(/^Le projet tourne en boucle sans attendre : les étapes « w », « n » et « g » se répètent/);
    expect(step.state.blocked?.message).toContain('Le minuteur « w » attend la date de « d »');
    expect(step.commands).toStrictEqual([{ type: 'block', message: step.state.blocked!.message, nodes: ['w', 'n', 'g'] }]);
    // What the step did before it was stopped is handed over apart, for the simulator.
    expect(types(step.discarded!.slice(0, 4))).toEqual(['timer_fired', 'notify', 'timer_fired', 'notify']);
    expect(JSON.parse(JSON.stringify(step.state))).toStrictEqual(step.state);
  });

  it('leaves the state as it was before a completion that leads into the loop: the task stays open', () => {
    const opened = ok(start(afterTask, {}, T0)).state;
    const blocked = ok(apply(afterTask, opened, prepare(true), T0 + 1000));
    expect(blocked.state).toStrictEqual({ ...opened, status: 'blocked', blocked: blocked.state.blocked });
    expect(blocked.state.blocked?.nodes).toEqual(['w', 'g']);
    expect(blocked.state.blocked?.message).toContain('« Attendre »');
    // The same completion with a value that leaves the loop goes through.
    expect(ok(apply(afterTask, opened, prepare(false), T0 + 1000)).state.status).toBe('completed');
  });

  it('takes nothing but a cancel once blocked; the cancel closes what was open and clears the reason', () => {
    const opened = ok(start(afterTask, {}, T0)).state;
    const blocked = ok(apply(afterTask, opened, prepare(true), T0)).state;
    const refused = refusal(apply(afterTask, blocked, prepare(false), T0));
    expect(refused.code).toBe('not_running');
    expect(refused.message).toMatch(/^L’instance est bloquée\. Le projet tourne en boucle/);
    expect(refusal(apply(afterTask, blocked, { type: 'fire_timer', timer: 'w:1' }, T0)).code).toBe('not_running');
    const cancelled = ok(apply(afterTask, blocked, { type: 'cancel' }, T0));
    expect(types(cancelled.commands)).toEqual(['cancel_task', 'finish']);
    expect(cancelled.state.status).toBe('abandoned');
    expect(cancelled.state).not.toHaveProperty('blocked');
  });

  it('stops after the number of moves the options allow', () => {
    const small = ok(startWith(issueLoop, { k: true }, T0, { enforceRequired: true, blanksAsAbsent: false, maxMoves: 30 }));
    expect(small.state.status).toBe('blocked');
    expect(small.state.blocked?.message).toContain('(30 passages');
    expect(small.discarded!.length).toBeLessThan(30);
  });
});

describe('answers instead of throws', () => {
  it('refuses an event it does not know, or one that is not an object, as bad_event', () => {
    const { state } = ok(start(afterTask, {}, T0));
    expect(refusal(apply(afterTask, state, { type: 'explode' } as never, T0)).code).toBe('bad_event');
    expect(refusal(apply(afterTask, state, null as never, T0)).code).toBe('bad_event');
  });

  it('blocks, naming the node, where an unvalidated definition gives a token nowhere to go', () => {
    const noEdge = definition({ nodes: [{ id: 'start', type: 'start' }, { id: 'wait', type: 'timer', wait: 'PT1H' }], edges: path('start', 'wait') });
    const waiting = ok(start(noEdge, {}, T0)).state;
    const fired = ok(apply(noEdge, waiting, { type: 'fire_timer', timer: 'wait:1' }, T0 + 3_600_000));
    expect(fired.state.blocked).toEqual({ message: "La définition ne permet pas de continuer : l’étape « wait » n’a pas de transition sortante.", nodes: ['wait'] });

    const noDefault = definition({
      variables: [{ name: 'k', type: 'boolean' }],
      nodes: [{ id: 'start', type: 'start' }, { id: 'g', type: 'exclusive' }, { id: 'end', type: 'end' }],
      edges: [...path('start', 'g'), { from: 'g', to: 'end', when: { var: 'k', op: 'exists' } }],
    });
    expect(ok(start(noDefault, {}, T0)).state.blocked?.message).toContain("« g » n’a pas de transition par défaut");

    const noStart = definition({ nodes: [{ id: 'end', type: 'end' }], edges: [] });
    expect(ok(start(noStart, {}, T0)).state.blocked?.message).toContain("pas d’étape de début");

    const badDuration = definition({ nodes: [{ id: 'start', type: 'start' }, { id: 't', type: 'task', assignee: 'equipe', due: 'dix jours' }, { id: 'end', type: 'end' }], edges: path('start', 't', 'end') });
    expect(ok(start(badDuration, {}, T0)).state.blocked?.message).toContain('« dix jours »');

    const missingNode = definition({ nodes: [{ id: 'start', type: 'start' }], edges: [{ from: 'start', to: 'ailleurs' }] });
    expect(ok(start(missingNode, {}, T0)).state.blocked?.message).toContain('« ailleurs »');
  });

  it('gives the same answer from a JSON round trip of a blocked state', () => {
    const blocked = ok(start(issueLoop, { k: true }, T0)).state;
    const copy = JSON.parse(JSON.stringify(blocked)) as EngineState;
    expect(applyWith(issueLoop, copy, { type: 'cancel' }, T0, { enforceRequired: true, blanksAsAbsent: false })).toStrictEqual(
      apply(issueLoop, blocked, { type: 'cancel' }, T0),
    );
  });
});

describe('the simulator on a loop that never waits', () => {
  it('ends the issue document as limit with exactly the first 10,000 events, in time order', () => {
    const result = simulate({ definition: issueLoop, script: { input: { k: true } }, start: T0 });
    expect(result.result).toBe('limit');
    expect(result.end).toBeNull();
    expect(result.events).toHaveLength(EVENT_LIMIT);
    expect(result.events.slice(0, 2)).toEqual([
      { at: '2027-01-04T08:00:00.000Z', type: 'timer_fired', node: 'w' },
      { at: '2027-01-04T08:00:00.000Z', type: 'notified', node: 'n' },
    ]);
    expect(result.events.every((e, i) => e.type === (i % 2 === 0 ? 'timer_fired' : 'notified'))).toBe(true);
  });

  it('shows 10,000 events of a long loop too, however many moves each event takes', () => {
    const sets = Array.from({ length: 20 }, (_, i) => ({ id: `s${i}`, type: 'set' as const, assign: { k: true } }));
    const long = definition({
      variables: [{ name: 'd', type: 'date' }, { name: 'k', type: 'boolean' }],
      nodes: [{ id: 'start', type: 'start' }, { id: 'w', type: 'timer', until: 'd' }, ...sets, { id: 'g', type: 'exclusive' }, { id: 'end', type: 'end' }],
      edges: [...path('start', 'w', ...sets.map((s) => s.id), 'g'), { from: 'g', to: 'w', when: { var: 'k', op: 'exists' } }, { from: 'g', to: 'end', default: true }],
    });
    const result = simulate({ definition: long, start: T0 });
    expect(result.result).toBe('limit');
    expect(result.events).toHaveLength(EVENT_LIMIT);
  });

  it('ends a silent loop through a join as limit too', () => {
    const silent = definition({
      variables: [{ name: 'k', type: 'boolean', default: true }],
      nodes: [{ id: 'start', type: 'start' }, { id: 'x', type: 'exclusive' }, { id: 'p', type: 'parallel' }, { id: 'j', type: 'parallel' }, { id: 'g', type: 'exclusive' }, { id: 'end', type: 'end' }],
      edges: [
        ...path('start', 'x'),
        { from: 'x', to: 'end', when: { var: 'k', op: '!=', value: true } },
        { from: 'x', to: 'p', default: true },
        { from: 'p', to: 'j' },
        { from: 'p', to: 'j' },
        ...path('j', 'g'),
        { from: 'g', to: 'x', when: { var: 'k', op: 'exists' } },
        { from: 'g', to: 'end', default: true },
      ],
    });
    expect(validate(silent).errors).toEqual([]);
    expect(simulate({ definition: silent, start: T0 })).toMatchObject({ result: 'limit', end: null, events: [] });
  });

  it('ends as limit when a child process loops, with the child events it produced', () => {
    const parent = definition({
      key: 'parent',
      nodes: [{ id: 'start', type: 'start' }, { id: 'call', type: 'subprocess', process: 'min', input: { k: 'k' } }, { id: 'end', type: 'end' }],
      edges: path('start', 'call', 'end'),
      variables: [{ name: 'k', type: 'boolean', default: true }],
    });
    const result = simulate({ definition: parent, start: T0, children: (key) => (key === 'min' ? issueLoop : undefined) });
    expect(result.result).toBe('limit');
    expect(result.events).toHaveLength(EVENT_LIMIT);
    expect(result.events[0]).toMatchObject({ type: 'timer_fired', node: 'w', process: 'min' });
  });
});
