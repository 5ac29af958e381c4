// The summary of a project that updates return and the read model stores, derived from the
// engine state alone. Pure; imports only dsl/ types and workflows/messages.
import type { EngineState } from '../dsl/engine-types';
import type { ProjectSummary } from './messages';

export function summarize(projectId: string, state: EngineState, seq: number): ProjectSummary {
  let nextDueAt: number | null = null;
  for (const task of state.tasks) {
    if (task.due !== undefined && (nextDueAt === null || task.due < nextDueAt)) nextDueAt = task.due;
  }
  return {
    projectId,
    seq,
    status: state.status,
    result: state.result ?? null,
    blockedReason: state.status === 'blocked' ? (state.blocked?.message ?? null) : null,
    phase: state.phase,
    variables: { ...state.variables },
    tasks: state.tasks.map((t) => ({ ...t, outcomes: t.outcomes.slice() })),
    nextDueAt,
  };
}
