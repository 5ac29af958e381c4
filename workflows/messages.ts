// The project workflow's public surface: its input and the updates, signal and query that
// the API (through api/project-runner.ts) sends to it. Plain types (no zod, no classes), so
// both the workflow bundle and Node code import this file. Imports only dsl/ types and
// @temporalio/workflow.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EngineState, OpenTask, Refusal, Result, Variables } from '../dsl/engine-types';

export const PROJECT_WORKFLOW_TYPE = 'projectWorkflow';
/** The workflow's signature, for code that names it by PROJECT_WORKFLOW_TYPE. */
export type ProjectWorkflow = (input: ProjectInput) => Promise<ProjectSummary>;

/** A published definition, as the project runs it (it keeps this version to the end). */
export interface DefinitionSnapshot {
  key: string;
  version: number;
  /** A document that passed the validator (spec section 7) when it was published. */
  document: unknown;
}

export interface ProjectInput {
  projectId: string;
  title: string;
  definition: DefinitionSnapshot;
  input: Record<string, unknown>;
  /** Process role key → ids of the organizations holding it. */
  bindings: Record<string, string[]>;
  parentProjectId?: string;
  /** Set by continue-as-new: the engine state and step counter to carry on from. */
  resume?: { state: EngineState; seq: number };
  /**
   * Continue as new once the history holds this many events (default 2,000, well below
   * Temporal's own suggestion, so replays stay quick). Tests lower it.
   */
  continueAsNewAfter?: number;
}

/** What a project looks like after a step: returned by updates and by the workflow. */
export interface ProjectSummary {
  projectId: string;
  /** The number of the last engine step. */
  seq: number;
  status: EngineState['status'];
  result: Result | null;
  /** Why the project is blocked (French); null unless `status` is `blocked`. */
  blockedReason: string | null;
  phase: string | null;
  variables: Variables;
  tasks: OpenTask[];
  /** Earliest due instant of the open tasks (epoch ms), null when none has one. */
  nextDueAt: number | null;
}

export interface ActorInfo {
  userId?: string;
  /** The process roles this user holds in the project (the API works them out). */
  roles: string[];
}

export interface CompleteTaskArgs {
  task: string;
  outcome: string;
  values?: Record<string, unknown>;
  comment?: string;
  actor: ActorInfo;
}

export interface CancelArgs {
  actor?: ActorInfo;
  reason?: string;
}

/**
 * Refused (by the validator, so nothing reaches the history) with a non-retryable
 * ApplicationFailure whose `type` is the refusal code and whose details[0] is the Refusal.
 */
export const completeTaskUpdate = defineUpdate<ProjectSummary, [CompleteTaskArgs]>('completeTask');
export const cancelUpdate = defineUpdate<ProjectSummary, [CancelArgs]>('cancel');
/** The same as cancelUpdate, fire-and-forget: a parent uses it to call off a child. */
export const cancelSignal = defineSignal<[CancelArgs]>('cancel');
export const stateQuery = defineQuery<{ state: EngineState; seq: number }>('state');

export type { Refusal };
