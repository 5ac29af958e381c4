// What reaches a project from outside (an update, a signal, a timer, a child's end) as the
// engine event it becomes, with what the read model keeps beside it (comment, who). Pure;
// imports only dsl/ types and this folder's types.
import type { Refusal } from '../dsl/engine-types';
import type { OutsideEvent } from './activity-contract';
import type { CancelArgs, CompleteTaskArgs, ProjectSummary } from './messages';

export function completeTaskEvent(args: CompleteTaskArgs): OutsideEvent {
  return {
    event: {
      type: 'complete_task',
      task: args.task,
      outcome: args.outcome,
      values: args.values ?? {},
      actor: { ...(args.actor.userId ? { id: args.actor.userId } : {}), roles: args.actor.roles },
    },
    ...(args.comment ? { comment: args.comment } : {}),
    actor: args.actor,
  };
}

export function cancelEvent(args: CancelArgs): OutsideEvent {
  return {
    event: { type: 'cancel', ...(args.reason ? { reason: args.reason } : {}) },
    ...(args.actor ? { actor: args.actor } : {}),
  };
}

export function timerFiredEvent(timer: string): OutsideEvent {
  return { event: { type: 'fire_timer', timer } };
}

/** A child that ended without a result, failed, or never started counts as abandoned. */
export function childFinishedEvent(child: string, summary?: Pick<ProjectSummary, 'result' | 'variables'>): OutsideEvent {
  return {
    event: { type: 'child_finished', child, result: summary?.result ?? 'abandoned', variables: summary?.variables ?? {} },
  };
}

/**
 * A timer's step refused because the timer was cancelled in the same activation
 * (`unknown_timer`) or the project ended meanwhile (`not_running`) is stale, not a fault.
 */
export function isStaleTimerRefusal(refusal: Refusal): boolean {
  return refusal.code === 'unknown_timer' || refusal.code === 'not_running';
}
