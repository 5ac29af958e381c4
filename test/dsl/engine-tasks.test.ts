// Tasks over time: due instants, reminders (one skipped), escalation, calendar arithmetic.
import { describe, expect, it } from 'vitest';
import { apply, start } from '../../dsl/engine';
import type { EngineEvent } from '../../dsl/engine-types';
import { definition, path } from '../support/definitions';
import { at, DAY, HOUR, iso, ofType, ok, refusal, T0, types } from './fixtures';

const done = (task: string): EngineEvent => ({ type: 'complete_task', task, outcome: 'done', actor: { roles: ['equipe'] } });

function taskDef(task: Record<string, unknown>) {
  return definition({
    nodes: [{ id: 'start', type: 'start' }, { id: 'work', type: 'task', assignee: 'equipe', ...task } as never, { id: 'end', type: 'end' }],
    edges: path('start', 'work', 'end'),
  });
}

describe('due dates, reminders and escalation', () => {
  const def = taskDef({ due: 'P10D', reminders: ['P3D', 'P1D'], escalation: { after: 'P2D', to: ['direction'] } });

  it('schedules each reminder before the due instant and the escalation after it', () => {
    const { state, commands } = ok(start(def, {}, T0));
    const task = ofType(commands, 'open_task')[0].task;
    expect(task.due).toBe(T0 + 10 * DAY);
    expect(ofType(commands, 'schedule_timer').map((c) => [c.timer.id, c.timer.kind, c.timer.at])).toEqual([
      ['work:1:reminder:1', 'reminder', T0 + 7 * DAY],
      ['work:1:reminder:2', 'reminder', T0 + 9 * DAY],
      ['work:1:escalation', 'escalation', T0 + 12 * DAY],
    ]);
    // The due instant itself fires nothing: no timer is scheduled for it.
    expect(state.timers.map((t) => t.at)).not.toContain(T0 + 10 * DAY);
  });

  it('reminds the assignee role, then escalates to the escalation roles and marks the task', () => {
    const { state } = ok(start(def, {}, T0));
    const reminded = ok(apply(def, state, { type: 'fire_timer', timer: 'work:1:reminder:1' }, T0 + 7 * DAY));
    expect(reminded.commands).toStrictEqual([{ type: 'remind', task: 'work:1', node: 'work', to: ['equipe'] }]);
    const escalated = ok(apply(def, reminded.state, { type: 'fire_timer', timer: 'work:1:escalation' }, T0 + 12 * DAY));
    expect(escalated.commands).toStrictEqual([{ type: 'escalate', task: 'work:1', node: 'work', to: ['direction'] }]);
    expect(escalated.state.tasks[0].escalated).toBe(true);
    expect(state.tasks[0].escalated).toBe(false);
    expect(escalated.state.timers.map((t) => t.id)).toEqual(['work:1:reminder:2']);
  });

  it('refuses a timer that already fired', () => {
    const { state } = ok(start(def, {}, T0));
    const once = ok(apply(def, state, { type: 'fire_timer', timer: 'work:1:reminder:1' }, T0 + 7 * DAY));
    expect(refusal(apply(def, once.state, { type: 'fire_timer', timer: 'work:1:reminder:1' }, T0 + 7 * DAY)).code).toBe('unknown_timer');
  });

  it('cancels the reminders and escalation of a task when it is completed', () => {
    const { state } = ok(start(def, {}, T0));
    const step = ok(apply(def, state, done('work:1'), T0 + DAY));
    expect(types(step.commands)).toEqual(['close_task', 'cancel_timer', 'cancel_timer', 'cancel_timer', 'end_reached', 'finish']);
    expect(step.state.timers).toEqual([]);
  });

  it('skips a reminder that does not fall after the task opened', () => {
    // Due P1M from 1 February 2027 is 1 March (28 days); P29D before that is 31 January.
    const opened = at('2027-02-01T09:00:00Z');
    const skipped = taskDef({ due: 'P1M', reminders: ['P29D', 'P2D'] });
    const { commands } = ok(start(skipped, {}, opened));
    expect(ofType(commands, 'open_task')[0].task.due).toBe(at('2027-03-01T09:00:00Z'));
    expect(ofType(commands, 'schedule_timer').map((c) => c.timer.id)).toEqual(['work:1:reminder:2']);
  });

  it('clamps a month to its last day: P1M from 31 January is 28 February', () => {
    const opened = at('2027-01-31T09:30:00Z'); // 10:30 in Paris
    const { commands } = ok(start(taskDef({ due: 'P1M' }), {}, opened));
    expect(iso(ofType(commands, 'open_task')[0].task.due!)).toBe('2027-02-28T09:30:00.000Z');
  });

  it('keeps the wall-clock time across a daylight-saving change: P1D over 28 March 2027 is 23 hours', () => {
    const opened = at('2027-03-27T11:00:00Z'); // 12:00 in Paris, winter time
    const withReminder = taskDef({ due: 'P1D', reminders: ['PT2H'], escalation: { after: 'P1D', to: ['direction'] } });
    const { commands } = ok(start(withReminder, {}, opened));
    const due = ofType(commands, 'open_task')[0].task.due!;
    expect(iso(due)).toBe('2027-03-28T10:00:00.000Z'); // 12:00 in Paris, summer time
    expect(due - opened).toBe(23 * HOUR);
    expect(ofType(commands, 'schedule_timer').map((c) => iso(c.timer.at))).toEqual([
      '2027-03-28T08:00:00.000Z',
      '2027-03-29T10:00:00.000Z',
    ]);
  });
});
