// One project's run around the pure engine (dsl/engine): keeps the engine state, applies the
// events it is given, records each step it takes and carries out its commands (timers,
// children). project-workflow.ts feeds it messages and waits. Workflow code: deterministic,
// imports only dsl/, @temporalio/workflow and this folder.
import { ApplicationFailure, log, patched, workflowInfo } from '@temporalio/workflow';
import { applyWith, startWith, type EngineOptions } from '../dsl/engine';
import type { Command, EngineEvent, EngineState, Refusal, StepResult } from '../dsl/engine-types';
import type { Definition } from '../dsl/schema';
import type { OutsideEvent, ProjectRef } from './activity-contract';
import { createChildProjects } from './child-projects';
import type { ProjectInput, ProjectSummary } from './messages';
import { refusalFailure } from './project-activities';
import { isStaleTimerRefusal, timerFiredEvent } from './project-events';
import { summarize } from './project-summary';
import { createProjectTimers } from './project-timers';
import { createStepRecorder } from './step-recorder';
import { createWorkInFlight } from './work-in-flight';

const DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

/**
 * Spec section 1 made null and the empty string (but for string and text) wrong types; the
 * engine read them as "not given" before. Runs whose history began earlier keep that reading
 * to the end, so a replay makes the same decisions (README, "Changing workflow code safely").
 */
const SPEC_VALUES_PATCH = 'values-per-spec-section-1';

/** A step the engine took (written once `recorded` resolves), or its refusal, which changed nothing. */
export type Stepped = { refusal: Refusal } | { summary: ProjectSummary; recorded: Promise<void> };

export function projectRefOf(input: ProjectInput, workflowId: string): ProjectRef {
  return {
    id: input.projectId,
    workflowId,
    title: input.title,
    definitionKey: input.definition.key,
    definitionVersion: input.definition.version,
    ...(input.parentProjectId ? { parentProjectId: input.parentProjectId } : {}),
    bindings: input.bindings,
  };
}

/** A blocked project is not finished: it stays open, and cancellable, until someone cancels it. */
export function isFinished(state: EngineState): boolean {
  return state.status === 'completed' || state.status === 'abandoned';
}

/**
 * Time to continue as new: the history is long (Temporal suggests it, or it passed our own
 * limit) and no child is running, since a running child's result cannot follow into a new run.
 */
export function continueAsNewDue(run: {
  state: EngineState;
  childrenInFlight: number;
  suggested: boolean;
  historyLength: number;
  after: number;
}): boolean {
  return run.state.children.length === 0 && run.childrenInFlight === 0 && (run.suggested || run.historyLength >= run.after);
}

export function createProjectDriver(input: ProjectInput) {
  const definition = input.definition.document as Definition;
  const project = projectRefOf(input, workflowInfo().workflowId);
  const continueAsNewAfter = input.continueAsNewAfter ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  const engineOptions: EngineOptions = { enforceRequired: true, blanksAsAbsent: !patched(SPEC_VALUES_PATCH) };

  let state!: EngineState;
  let seq = 0;
  const work = createWorkInFlight();
  const record = createStepRecorder(work);
  const timers = createProjectTimers((id, at) => {
    // A timer never fires "early": workflow time may trail the instant by a few ms.
    const result = step(timerFiredEvent(id), Math.max(Date.now(), at));
    if ('refusal' in result && !isStaleTimerRefusal(result.refusal)) {
      log.warn('timer refused', { timer: id, refusal: result.refusal });
    }
  });
  const children = createChildProjects({
    parent: project,
    work,
    wanted: (child) => state.children.some((c) => c.id === child),
    finished: (event) => {
      step(event);
    },
  });

  /** Takes a step the engine accepted: keeps its state, records it, carries out its commands. */
  const commit = (
    result: { state: EngineState; commands: Command[] },
    now: number,
    outside?: OutsideEvent,
    startInput?: Record<string, unknown>,
  ): Stepped => {
    state = result.state;
    seq += 1;
    // A blocked step was not taken (spec 8's `limit`): its one `block` command is recorded,
    // the project waits for a cancel, and nothing fails or retries.
    if (state.status === 'blocked') log.warn('project blocked', { projectId: project.id, reason: state.blocked?.message });
    const summary = summarize(project.id, state, seq);
    const recorded = record({
      project,
      seq,
      at: now,
      ...(outside ? { outside } : {}),
      ...(startInput ? { input: startInput } : {}),
      commands: result.commands,
      summary,
    });
    for (const command of result.commands) carryOut(command, recorded);
    return { summary, recorded };
  };

  const carryOut = (command: Command, recorded: Promise<void>): void => {
    switch (command.type) {
      case 'schedule_timer':
        return timers.schedule(command.timer.id, command.timer.at);
      case 'cancel_timer':
        return timers.cancel(command.timer);
      case 'start_child':
        return children.start(command, recorded);
      case 'cancel_child':
        return children.cancel(command.child);
      default:
        return; // Everything else only concerns the read model, which recordStep writes.
    }
  };

  /** Applies an event; the engine may refuse it, which changes nothing. */
  const step = (outside: OutsideEvent, now = Date.now()): Stepped => {
    const result: StepResult = applyWith(definition, state, outside.event, now, engineOptions);
    if ('error' in result) return { refusal: result.error };
    return commit(result, now, outside);
  };

  return {
    /** Starts the engine, or carries on from the state a continue-as-new handed over. */
    begin(): void {
      if (input.resume) {
        state = input.resume.state;
        seq = input.resume.seq;
        // Durable timers do not cross continue-as-new: schedule again what the engine still
        // waits for (a blocked instance waits for nothing but a cancel).
        if (state.status === 'running') for (const timer of state.timers) timers.schedule(timer.id, timer.at);
      } else {
        const now = Date.now();
        const started = startWith(definition, input.input, now, engineOptions);
        if ('error' in started) throw refusalFailure(started.error);
        commit(started, now, undefined, input.input);
      }
    },
    step,
    /** Asks the engine without changing anything; throws the refusal for the caller. */
    validate(event: EngineEvent): void {
      let result: StepResult;
      try {
        result = applyWith(definition, state, event, Date.now(), engineOptions);
      } catch (error) {
        throw ApplicationFailure.create({ type: 'engine_error', message: String(error), nonRetryable: true });
      }
      if ('error' in result) throw refusalFailure(result.error);
    },
    current: () => ({ state, seq }),
    summary: () => summarize(project.id, state, seq),
    finished: () => isFinished(state),
    /** No record, e-mail or child start is under way. */
    idle: () => work.idle(),
    shouldContinueAsNew: () =>
      continueAsNewDue({
        state,
        childrenInFlight: children.count(),
        suggested: workflowInfo().continueAsNewSuggested,
        historyLength: workflowInfo().historyLength,
        after: continueAsNewAfter,
      }),
  };
}

export type ProjectDriver = ReturnType<typeof createProjectDriver>;
