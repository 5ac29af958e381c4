// What the project workflow asks of its activities, as types only: activities/ implements
// this contract, the workflow proxies it. Kept on the workflow side so that workflow code
// never imports activities/. Imports only dsl/ types and workflows/messages.
import type { Command, EngineEvent } from '../dsl/engine-types';
import type { ActorInfo, DefinitionSnapshot, ProjectSummary } from './messages';

/** The project a step belongs to; a subprocess's row is created from this by its first step. */
export interface ProjectRef {
  id: string;
  workflowId: string;
  title: string;
  definitionKey: string;
  definitionVersion: number;
  parentProjectId?: string;
  bindings: Record<string, string[]>;
}

/** The outside event a step applied, with what the engine does not keep (comment, who). */
export interface OutsideEvent {
  event: EngineEvent;
  comment?: string;
  actor?: ActorInfo;
}

/** One engine step: written to the read model exactly once, keyed by (project.id, seq). */
export interface StepRecord {
  project: ProjectRef;
  seq: number;
  /** Workflow time of the step (epoch ms). */
  at: number;
  /** Absent for the first step (the start) */
  outside?: OutsideEvent;
  /** Present on the first step only: the start input as given. */
  input?: Record<string, unknown>;
  commands: Command[];
  summary: ProjectSummary;
}

export interface RecordResult {
  /** Notifications of this project that still wait for their e-mail. */
  unsent: number;
}

export interface ProjectActivities {
  recordStep(step: StepRecord): Promise<RecordResult>;
  /** Sends the e-mails of the project's notifications not yet e-mailed, each at most once. */
  sendNotifications(args: { projectId: string }): Promise<{ sent: number }>;
  /** The latest published version of a definition (for a subprocess). */
  loadDefinition(args: { key: string }): Promise<DefinitionSnapshot>;
}
