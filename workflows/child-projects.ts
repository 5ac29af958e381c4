// The subprocesses a project starts: each a child workflow (a project of its own) whose end
// comes back to the parent as a `child_finished` event. Workflow code: imports only dsl/
// types, @temporalio/workflow and this folder.
import { ParentClosePolicy, log, startChild, uuid4, type ChildWorkflowHandle } from '@temporalio/workflow';
import type { Command } from '../dsl/engine-types';
import type { OutsideEvent, ProjectRef } from './activity-contract';
import { cancelSignal, PROJECT_WORKFLOW_TYPE, type DefinitionSnapshot, type ProjectInput, type ProjectWorkflow } from './messages';
import { loadDefinition } from './project-activities';
import { childFinishedEvent } from './project-events';
import type { WorkInFlight } from './work-in-flight';

type StartChild = Extract<Command, { type: 'start_child' }>;

/** A child's workflow id follows from its parent's, so a retried start finds the same one. */
export function childWorkflowId(parentWorkflowId: string, child: string): string {
  return `${parentWorkflowId}--${child.replaceAll(':', '-')}`;
}

export function childProjectInput(
  parent: ProjectRef,
  command: StartChild,
  snapshot: DefinitionSnapshot,
  projectId: string,
): ProjectInput {
  return {
    projectId,
    title: `${parent.title} — ${snapshot.key}`,
    definition: snapshot,
    input: command.input,
    bindings: parent.bindings,
    parentProjectId: parent.id,
  };
}

export interface ChildProjects {
  /** Starts the child once `recorded` (the parent's step) is written, so its row exists first. */
  start(command: StartChild, recorded: Promise<void>): void;
  cancel(child: string): void;
  /** Children started or starting whose end has not come back yet. */
  count(): number;
}

export function createChildProjects(options: {
  parent: ProjectRef;
  work: WorkInFlight;
  /** Whether the engine still waits for the child (it may have called it off meanwhile). */
  wanted: (child: string) => boolean;
  finished: (event: OutsideEvent) => void;
}): ChildProjects {
  const { parent, work } = options;
  const children = new Map<string, Promise<ChildWorkflowHandle<ProjectWorkflow> | undefined>>();

  const startChildProject = async (command: StartChild) => {
    // A child that cannot start counts as abandoned, so the parent is not stuck waiting.
    const giveUp = (what: string, error: unknown) => {
      log.error(what, { child: command.child, process: command.process, error: String(error) });
      children.delete(command.child);
      options.finished(childFinishedEvent(command.child));
      return undefined;
    };
    let snapshot;
    try {
      snapshot = await loadDefinition({ key: command.process });
    } catch (error) {
      return giveUp('subprocess definition missing', error);
    }
    // Called off while its definition was loading.
    if (!options.wanted(command.child)) return undefined;
    let handle: ChildWorkflowHandle<ProjectWorkflow>;
    try {
      handle = await startChild<ProjectWorkflow>(PROJECT_WORKFLOW_TYPE, {
        workflowId: childWorkflowId(parent.workflowId, command.child),
        // The child carries on by itself (and can be cancelled by signal) if the parent closes.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [childProjectInput(parent, command, snapshot, uuid4())],
      });
    } catch (error) {
      return giveUp('subprocess did not start', error);
    }
    void work
      .track(
        handle.result().then(
          (summary) => summary,
          (error) => {
            log.warn('subprocess failed', { child: command.child, error: String(error) });
            return undefined;
          },
        ),
      )
      .then((summary) => {
        children.delete(command.child);
        options.finished(childFinishedEvent(command.child, summary));
      });
    return handle;
  };

  return {
    start(command, recorded) {
      children.set(command.child, work.track(recorded.then(() => startChildProject(command))));
    },
    cancel(child) {
      const handle = children.get(child);
      children.delete(child);
      // It may have finished meanwhile; its result then meets an `unknown_child` refusal.
      void handle
        ?.then((h) => h?.signal(cancelSignal, { reason: 'Processus parent arrêté' }))
        .catch((error) => log.info('subprocess not cancelled', { child, error: String(error) }));
    },
    count: () => children.size,
  };
}
