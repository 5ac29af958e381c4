// The API's door to Temporal for projects: start one, complete a task, cancel, read the
// engine state. Free of HTTP: callers get plain results (`{ ok: false, refusal }` with the
// engine's French message) and turn them into responses. Imports db/, dsl/, workflows/
// message definitions and temporal.config; never activities/ or worker/.
import { randomUUID } from 'node:crypto';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/database';
import { insertProject } from '../db/queries/projects';
import { start as engineStart } from '../dsl/engine';
import type { EngineState, Refusal } from '../dsl/engine-types';
import type { Definition } from '../dsl/schema';
import { temporalSettings } from '../temporal.config';
import {
  cancelUpdate,
  completeTaskUpdate,
  PROJECT_WORKFLOW_TYPE,
  stateQuery,
  type CancelArgs,
  type CompleteTaskArgs,
  type DefinitionSnapshot,
  type ProjectInput,
  type ProjectSummary,
} from '../workflows/messages';

export interface RunnerDeps {
  db: Db;
  client: Client;
  /** Default: temporalSettings().taskQueue. */
  taskQueue?: string;
}

export type RunnerResult<T> = ({ ok: true } & T) | { ok: false; refusal: Refusal };

export const workflowIdFor = (projectId: string): string => `project-${projectId}`;

export interface StartProjectArgs {
  projectId?: string;
  title: string;
  /** A published (so validated) version. */
  definition: DefinitionSnapshot;
  input: Record<string, unknown>;
  /** Process role key → organization ids. */
  bindings: Record<string, string[]>;
  createdBy?: string;
  /** Runs inside the transaction that inserts the project (the audit rows of the start). */
  inTransaction?: (trx: Db, projectId: string) => Promise<void>;
  /** Tests only: continue-as-new sooner than the default. */
  continueAsNewAfter?: number;
}

/**
 * Starts a project: checks the input with the engine (so a bad input is a refusal, not a
 * failed workflow), inserts the project and participant rows, and starts the workflow
 * before that transaction commits, so a start that fails leaves no row behind.
 */
export async function startProject(
  deps: RunnerDeps,
  args: StartProjectArgs,
): Promise<RunnerResult<{ projectId: string; workflowId: string }>> {
  const checked = engineStart(args.definition.document as Definition, args.input, Date.now());
  if ('error' in checked) return { ok: false, refusal: checked.error };
  const projectId = args.projectId ?? randomUUID();
  const workflowId = workflowIdFor(projectId);
  await deps.db.transaction().execute(async (trx) => {
    const inserted = await insertProject(trx, {
      id: projectId,
      workflowId,
      title: args.title,
      definitionKey: args.definition.key,
      definitionVersion: args.definition.version,
      bindings: args.bindings,
      createdBy: args.createdBy ?? null,
    });
    if (!inserted) throw new Error(`project ${projectId} exists already`);
    await args.inTransaction?.(trx, projectId);
    const input: ProjectInput = {
      projectId,
      title: args.title,
      definition: args.definition,
      input: args.input,
      bindings: args.bindings,
      ...(args.continueAsNewAfter ? { continueAsNewAfter: args.continueAsNewAfter } : {}),
    };
    await deps.client.workflow.start(PROJECT_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: deps.taskQueue ?? temporalSettings().taskQueue,
      args: [input],
    });
  });
  return { ok: true, projectId, workflowId };
}

/** What talking to a running project needs: no database, the workflow id is known. */
export type ProjectClient = Pick<RunnerDeps, 'client'>;

/**
 * A project's workflow: its id when it was started here (`workflowIdFor`), or the row's
 * `workflow_id`, which a subprocess needs (its id derives from its parent's workflow).
 */
export type ProjectAddress = string | { workflowId: string };

const handleOf = (deps: ProjectClient, project: ProjectAddress) =>
  deps.client.workflow.getHandle(typeof project === 'string' ? workflowIdFor(project) : project.workflowId);

const NOT_RUNNING: Refusal = { code: 'not_running', message: "L’instance n’est plus en cours." };

/** The engine's refusal inside an update failure, or undefined for any other failure. */
export function refusalOf(error: unknown): Refusal | undefined {
  const cause = error instanceof WorkflowUpdateFailedError ? error.cause : error;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const detail = cause.details?.[0] as Partial<Refusal> | undefined;
  if (detail && typeof detail.code === 'string' && typeof detail.message === 'string') return detail as Refusal;
  return undefined;
}

async function update(
  deps: ProjectClient,
  project: ProjectAddress,
  send: (handle: ReturnType<typeof handleOf>) => Promise<ProjectSummary>,
): Promise<RunnerResult<{ summary: ProjectSummary }>> {
  try {
    return { ok: true, summary: await send(handleOf(deps, project)) };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, refusal };
    // The server answers an update to a closed (or never started) workflow "not found":
    // that is the engine's "not running".
    if (error instanceof WorkflowNotFoundError) return { ok: false, refusal: NOT_RUNNING };
    throw error;
  }
}

/** Completes a task through the workflow's update; the engine decides, nothing changes on refusal. */
export function completeTask(
  deps: ProjectClient,
  project: ProjectAddress,
  args: CompleteTaskArgs,
): Promise<RunnerResult<{ summary: ProjectSummary }>> {
  return update(deps, project, (handle) => handle.executeUpdate(completeTaskUpdate, { args: [args] }));
}

/** Ends a project as abandoned: open tasks are cancelled. */
export function cancelProject(
  deps: ProjectClient,
  project: ProjectAddress,
  args: CancelArgs = {},
): Promise<RunnerResult<{ summary: ProjectSummary }>> {
  return update(deps, project, (handle) => handle.executeUpdate(cancelUpdate, { args: [args] }));
}

/** The engine state straight from the workflow (works for finished projects too). */
export function getEngineState(deps: ProjectClient, project: ProjectAddress): Promise<{ state: EngineState; seq: number }> {
  return handleOf(deps, project).query(stateQuery);
}
