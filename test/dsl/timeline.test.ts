// Which commands of an engine step become timeline rows and notifications.
import { describe, expect, it } from 'vitest';
import { timelineOf as timelineOfStep } from '../../dsl/timeline';
import type { StepRecord } from '../../workflows/activity-contract';

/** The read model's steps are the timeline's first user. */
const timelineOf = (step: StepRecord) => timelineOfStep(step);

const project = { id: 'p', workflowId: 'project-p', title: 'Projet', definitionKey: 'k', definitionVersion: 1, bindings: {} };
const summary = { projectId: 'p', seq: 2, status: 'running' as const, result: null, phase: null, variables: {}, tasks: [], nextDueAt: null, blockedReason: null };

describe('the timeline of a step', () => {
  it('tells a completion once, with its comment and author, and leaves timer plumbing out', () => {
    const step: StepRecord = {
      project,
      seq: 2,
      at: 0,
      outside: {
        event: { type: 'complete_task', task: 'a:1', outcome: 'done', actor: { id: 'u', roles: ['agent'] } },
        comment: 'Fait.',
        actor: { userId: 'u', roles: ['agent'] },
      },
      commands: [
        { type: 'close_task', task: 'a:1', node: 'a', outcome: 'done', values: { x: 1 } },
        { type: 'cancel_timer', timer: 't3' },
        { type: 'notify', node: 'n', to: ['chef'], subject: 'Sujet', body: 'Corps' },
        { type: 'enter_phase', phase: 'suite', node: 'b' },
      ],
      summary,
    };
    const entries = timelineOf(step);
    expect(entries.map((e) => [e.idx, e.type])).toEqual([
      [0, 'task_completed'],
      [1, 'notified'],
      [2, 'phase_entered'],
    ]);
    expect(entries[0].data).toMatchObject({ outcome: 'done', comment: 'Fait.', actor: { userId: 'u' } });
    expect(entries[1].notify).toEqual({ kind: 'message', roles: ['chef'], subject: 'Sujet', body: 'Corps' });
  });

  it('starts with a started row and numbers rows in step order', () => {
    const entries = timelineOf({ project, seq: 1, at: 0, input: { a: 1 }, commands: [{ type: 'finish', result: 'completed' }], summary });
    expect(entries.map((e) => [e.idx, e.type])).toEqual([
      [0, 'started'],
      [1, 'finished'],
    ]);
  });

  it('turns reminders and escalations into notifications for their roles', () => {
    const entries = timelineOf({
      project,
      seq: 3,
      at: 0,
      outside: { event: { type: 'fire_timer', timer: 't1' } },
      commands: [
        { type: 'remind', task: 'a:1', node: 'a', to: ['agent'] },
        { type: 'escalate', task: 'a:1', node: 'a', to: ['chef'] },
      ],
      summary,
    });
    expect(entries.map((e) => e.notify?.kind)).toEqual(['reminder', 'escalation']);
    expect(entries.map((e) => e.notify?.roles)).toEqual([['agent'], ['chef']]);
  });

  it('tells a blocked step by one blocked row with its reason, and warns nobody by e-mail', () => {
    const message = 'Le projet tourne en boucle sans attendre : …';
    const entries = timelineOf({
      project,
      seq: 1,
      at: 0,
      input: {},
      commands: [{ type: 'block', message, nodes: ['w', 'n'] }],
      summary: { ...summary, status: 'blocked', blockedReason: message },
    });
    expect(entries.map((e) => [e.idx, e.type, e.node])).toEqual([
      [0, 'started', null],
      [1, 'blocked', 'w'],
    ]);
    expect(entries[1].data).toEqual({ message, nodes: ['w', 'n'] });
    expect(entries.some((e) => e.notify)).toBe(false);
  });
});
