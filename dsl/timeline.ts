// What an engine step means on a timeline, for every driver: one entry per command worth
// showing (plus the outside event when no command tells it), numbered in step order so a
// retried write lands on the same (project, seq, idx) key. Entries that warn people carry a
// notification. The read model stores these entries (activities/record-step.ts) and the
// simulator shows the same ones on its virtual clock. Pure; imports only dsl/.
import { toIsoString } from './durations';
import type { Command, EngineEvent } from './engine-types';

export type NotificationKind = 'message' | 'reminder' | 'escalation';

export interface TimelineEntry {
  idx: number;
  type: string;
  node: string | null;
  taskId: string | null;
  data: Record<string, unknown>;
  /** Present when people are to be told: the roles, and the text for a notify node. */
  notify?: { kind: NotificationKind; roles: string[]; subject?: string; body?: string };
}

export type TimelineDraft = Omit<TimelineEntry, 'idx'>;

/** A step as the timeline needs it (workflows/activity-contract's StepRecord is one). */
export interface TimelineStep {
  project: { definitionVersion: number };
  /** Absent for the first step (the start). */
  outside?: { event: EngineEvent; comment?: string; actor?: { userId?: string; roles: string[] } };
  /** The start input, on the first step. */
  input?: Record<string, unknown>;
  commands: Command[];
}

/** The entry a command puts on the timeline, or null for plumbing (timers). */
export function commandEntry(command: Command, step?: Pick<TimelineStep, 'outside'>): TimelineDraft | null {
  switch (command.type) {
    case 'open_task': {
      const t = command.task;
      return { type: 'task_opened', node: t.node, taskId: t.id, data: { assignee: t.assignee, label: t.label ?? null, due: t.due === undefined || t.due === null ? null : toIsoString(t.due) } };
    }
    case 'close_task': {
      // The completion's comment and author travel with the outside event, not the command.
      const outside = step?.outside?.event.type === 'complete_task' && step.outside.event.task === command.task ? step.outside : undefined;
      return {
        type: 'task_completed',
        node: command.node,
        taskId: command.task,
        data: {
          outcome: command.outcome,
          values: command.values,
          comment: outside?.comment ?? null,
          actor: outside?.actor ?? (command.actor ? { userId: command.actor.id, roles: command.actor.roles } : null),
        },
      };
    }
    case 'cancel_task':
      return { type: 'task_cancelled', node: command.node, taskId: command.task, data: {} };
    case 'timer_fired':
      return { type: 'timer_fired', node: command.node, taskId: null, data: { timer: command.timer } };
    case 'remind':
      return { type: 'reminder', node: command.node, taskId: command.task, data: { to: command.to }, notify: { kind: 'reminder', roles: command.to } };
    case 'escalate':
      return { type: 'escalation', node: command.node, taskId: command.task, data: { to: command.to }, notify: { kind: 'escalation', roles: command.to } };
    case 'notify':
      return {
        type: 'notified',
        node: command.node,
        taskId: null,
        data: { to: command.to, subject: command.subject },
        notify: { kind: 'message', roles: command.to, subject: command.subject, body: command.body },
      };
    case 'start_child':
      return { type: 'child_started', node: command.node, taskId: null, data: { child: command.child, process: command.process } };
    case 'cancel_child':
      return { type: 'child_cancelled', node: command.node, taskId: null, data: { child: command.child } };
    case 'enter_phase':
      return { type: 'phase_entered', node: command.node, taskId: null, data: { phase: command.phase } };
    case 'end_reached':
      return { type: 'ended', node: command.node, taskId: null, data: { result: command.result } };
    case 'finish':
      return { type: 'finished', node: null, taskId: null, data: { result: command.result } };
    case 'block':
      // The step was not taken: this entry says why the project no longer moves.
      return { type: 'blocked', node: command.nodes[0] ?? null, taskId: null, data: { message: command.message, nodes: command.nodes } };
    case 'schedule_timer':
    case 'cancel_timer':
      return null; // Plumbing: the task rows show due dates; timers are not news.
  }
}

function outsideEntry(step: TimelineStep): TimelineDraft | null {
  if (!step.outside) {
    return { type: 'started', node: null, taskId: null, data: { input: step.input ?? {}, definitionVersion: step.project.definitionVersion } };
  }
  const { event, actor } = step.outside;
  switch (event.type) {
    case 'cancel':
      return { type: 'cancelled', node: null, taskId: null, data: { reason: event.reason ?? null, actor: actor ?? null } };
    case 'child_finished':
      return { type: 'child_finished', node: null, taskId: null, data: { child: event.child, result: event.result } };
    default:
      return null; // complete_task and fire_timer are told by their commands.
  }
}

export function timelineOf(step: TimelineStep): TimelineEntry[] {
  const drafts = [outsideEntry(step), ...step.commands.map((c) => commandEntry(c, step))];
  return drafts.filter((d): d is TimelineDraft => d !== null).map((d, idx) => ({ idx, ...d }));
}
