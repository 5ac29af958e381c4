// What the workflow's messages, timers and children become for the engine, and what the
// read model keeps beside them.
import { describe, expect, it } from 'vitest';
import {
  cancelEvent,
  childFinishedEvent,
  completeTaskEvent,
  isStaleTimerRefusal,
  timerFiredEvent,
} from '../../workflows/project-events';

describe('the events a project is given', () => {
  it('turns a completed task into the engine event, keeping the comment and the full actor beside it', () => {
    const actor = { userId: 'u-1', roles: ['equipe'] };
    expect(completeTaskEvent({ task: 'review:1', outcome: 'approved', values: { n: 2 }, comment: 'Bien', actor })).toStrictEqual({
      event: { type: 'complete_task', task: 'review:1', outcome: 'approved', values: { n: 2 }, actor: { id: 'u-1', roles: ['equipe'] } },
      comment: 'Bien',
      actor,
    });
  });

  it('gives a task completed without values or comment empty values and no comment', () => {
    expect(completeTaskEvent({ task: 't:1', outcome: 'done', comment: '', actor: { roles: [] } })).toStrictEqual({
      event: { type: 'complete_task', task: 't:1', outcome: 'done', values: {}, actor: { roles: [] } },
      actor: { roles: [] },
    });
  });

  it('turns a cancel into the engine event, with its reason and actor only when given', () => {
    expect(cancelEvent({})).toStrictEqual({ event: { type: 'cancel' } });
    expect(cancelEvent({ reason: '', actor: { userId: 'u-2', roles: ['direction'] } })).toStrictEqual({
      event: { type: 'cancel' },
      actor: { userId: 'u-2', roles: ['direction'] },
    });
    expect(cancelEvent({ reason: 'Fini' })).toStrictEqual({ event: { type: 'cancel', reason: 'Fini' } });
  });

  it('names the timer that fired', () => {
    expect(timerFiredEvent('remind:1')).toStrictEqual({ event: { type: 'fire_timer', timer: 'remind:1' } });
  });

  it("passes a child's result and variables on, and counts a child without a result as abandoned", () => {
    expect(childFinishedEvent('sub:1', { result: 'completed', variables: { ok: true } })).toStrictEqual({
      event: { type: 'child_finished', child: 'sub:1', result: 'completed', variables: { ok: true } },
    });
    expect(childFinishedEvent('sub:1', { result: null, variables: { ok: true } }).event).toMatchObject({ result: 'abandoned', variables: { ok: true } });
    expect(childFinishedEvent('sub:1').event).toStrictEqual({ type: 'child_finished', child: 'sub:1', result: 'abandoned', variables: {} });
  });

  it('takes a timer refused as unknown or after the end as stale, any other refusal as a fault', () => {
    expect(isStaleTimerRefusal({ code: 'unknown_timer', message: '' })).toBe(true);
    expect(isStaleTimerRefusal({ code: 'not_running', message: '' })).toBe(true);
    expect(isStaleTimerRefusal({ code: 'bad_event', message: '' })).toBe(false);
  });
});
