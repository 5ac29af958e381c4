// The interpreter: one workflow per project, a thin loop around the pure engine (dsl/engine).
// start → record → run commands → wait for the next event (update, timer, child result) →
// apply → record … The engine state lives here; activities only write the read model and
// send mail. Deterministic: imports only dsl/ and @temporalio/workflow (and this folder).
import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  patched,
  setHandler,
  sleep,
  startChild,
  uuid4,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { applyWith, startWith, type EngineOptions } from '../dsl/engine';
import type { Command, EngineEvent, EngineState, StepResult } from '../dsl/engine-types';
import type { Definition } from '../dsl/schema';
import type { OutsideEvent, ProjectRef, StepRecord } from './activity-contract';
import { loadDefinition, recordStep, refusalFailure, sendNotifications } from './project-activities';
import {
  cancelSignal,
  cancelUpdate,
  completeTaskUpdate,
  stateQuery,
  type CancelArgs,
  type CompleteTaskArgs,
  type ProjectInput,
  type ProjectSummary,
} from './messages';
import { summarize } from './project-summary';

const DEFAULT_CONTINUE_AS_NEW_AFTER = 2_000;

/**
 * Spec section 1 made null and the empty string (but for string and text) wrong types; the
 * engine read them as "not given" before. Runs whose history began earlier keep that reading
 * to the end, so a replay makes the same decisions (README, "Changing workflow code safely").
 */
const SPEC_VALUES_PATCH = 'values-per-spec-section-1';

export async function projectWorkflow(input: ProjectInput): Promise<ProjectSummary> {
  const definition = input.definition.document as Definition;
  const workflowId = workflowInfo().workflowId;
  const project: ProjectRef = {
    id: input.projectId,
    workflowId,
    title: input.title,
    definitionKey: input.definition.key,
    definitionVersion: input.definition.version,
    ...(input.parentProjectId ? { parentProjectId: input.parentProjectId } : {}),
    bindings: input.bindings,
  };
  const continueAsNewAfter = input.continueAsNewAfter ?? DEFAULT_CONTINUE_AS_NEW_AFTER;
  const engineOptions: EngineOptions = { enforceRequired: true, blanksAsAbsent: !patched(SPEC_VALUES_PATCH) };

  let state!: EngineState;
  let seq = 0;
  /** Work started but not finished (records, sends, child starts): continue-as-new waits for it. */
  let busy = 0;
  let recording: Promise<unknown> = Promise.resolve();
  const timers = new Map<string, CancellationScope>();
  const children = new Map<string, Promise<ChildWorkflowHandle<typeof projectWorkflow> | undefined>>();

  const track = <T>(promise: Promise<T>): Promise<T> => {
    busy += 1;
    return promise.finally(() => {
      busy -= 1;
    });
  };

  /** Steps are written one after the other, in order, outside any cancellation. */
  const record = (step: StepRecord): Promise<void> => {
    const done = recording.then(() =>
      CancellationScope.nonCancellable(async () => {
        const { unsent } = await recordStep(step);
        if (unsent > 0) {
          // Not awaited by the caller: an SMTP outage must not hold up task completion.
          void track(
            CancellationScope.nonCancellable(() => sendNotifications({ projectId: project.id })).catch((error) =>
              log.warn('e-mails not sent', { error: String(error) }),
            ),
          );
        }
      }),
    );
    recording = done;
    return track(done);
  };

  /** Takes a step the engine accepted: keeps its state, records it, carries out its commands. */
  const commit = (
    result: { state: EngineState; commands: Command[] },
    now: number,
    outside?: OutsideEvent,
    startInput?: Record<string, unknown>,
  ) => {
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

  /** Applies an event; the engine may refuse it, which changes nothing. */
  const step = (event: EngineEvent, outside?: Omit<OutsideEvent, 'event'>, now = Date.now()) => {
    const result: StepResult = applyWith(definition, state, event, now, engineOptions);
    if ('error' in result) return { refusal: result.error };
    return commit(result, now, { event, ...outside });
  };

  const carryOut = (command: Command, recorded: Promise<void>): void => {
    switch (command.type) {
      case 'schedule_timer':
        return scheduleTimer(command.timer.id, command.timer.at);
      case 'cancel_timer':
        timers.get(command.timer)?.cancel();
        timers.delete(command.timer);
        return;
      case 'start_child':
        // After the step is written, so the parent's row exists before the child's.
        children.set(command.child, track(recorded.then(() => startChildProject(command))));
        return;
      case 'cancel_child': {
        const handle = children.get(command.child);
        children.delete(command.child);
        // It may have finished meanwhile; its result then meets an `unknown_child` refusal.
        void handle
          ?.then((h) => h?.signal(cancelSignal, { reason: 'Processus parent arrêté' }))
          .catch((error) => log.info('subprocess not cancelled', { child: command.child, error: String(error) }));
        return;
      }
      default:
        return; // Everything else only concerns the read model, which recordStep writes.
    }
  };

  const scheduleTimer = (id: string, at: number): void => {
    const scope = new CancellationScope();
    timers.set(id, scope);
    void scope
      .run(() => sleep(Math.max(1, at - Date.now())))
      .then(
        () => {
          timers.delete(id);
          // A timer never fires "early": workflow time may trail the instant by a few ms.
          const result = step({ type: 'fire_timer', timer: id }, undefined, Math.max(Date.now(), at));
          // unknown_timer: it was cancelled in the same activation; stale, nothing to do.
          if ('refusal' in result && result.refusal.code !== 'unknown_timer' && result.refusal.code !== 'not_running') {
            log.warn('timer refused', { timer: id, refusal: result.refusal });
          }
        },
        (error) => {
          if (!isCancellation(error)) throw error;
        },
      );
  };

  const startChildProject = async (command: Extract<Command, { type: 'start_child' }>) => {
    // A child that cannot start counts as abandoned, so the parent is not stuck waiting.
    const giveUp = (what: string, error: unknown) => {
      log.error(what, { child: command.child, process: command.process, error: String(error) });
      children.delete(command.child);
      step({ type: 'child_finished', child: command.child, result: 'abandoned', variables: {} });
      return undefined;
    };
    let snapshot;
    try {
      snapshot = await loadDefinition({ key: command.process });
    } catch (error) {
      return giveUp('subprocess definition missing', error);
    }
    // Called off while its definition was loading.
    if (!state.children.some((c) => c.id === command.child)) return undefined;
    let handle: ChildWorkflowHandle<typeof projectWorkflow>;
    try {
      handle = await startChild(projectWorkflow, {
        workflowId: `${workflowId}--${command.child.replaceAll(':', '-')}`,
        // The child carries on by itself (and can be cancelled by signal) if the parent closes.
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            projectId: uuid4(),
            title: `${input.title} — ${snapshot.key}`,
            definition: snapshot,
            input: command.input,
            bindings: input.bindings,
            parentProjectId: project.id,
          },
        ],
      });
    } catch (error) {
      return giveUp('subprocess did not start', error);
    }
    void track(
      handle.result().then(
        (summary) => ({ result: summary.result ?? ('abandoned' as const), variables: summary.variables }),
        (error) => {
          log.warn('subprocess failed', { child: command.child, error: String(error) });
          return { result: 'abandoned' as const, variables: {} };
        },
      ),
    ).then(({ result, variables }) => {
      children.delete(command.child);
      step({ type: 'child_finished', child: command.child, result, variables });
    });
    return handle;
  };

  /** Asks the engine without changing anything; throws the refusal for the caller. */
  const validate = (event: EngineEvent): void => {
    let result: StepResult;
    try {
      result = applyWith(definition, state, event, Date.now(), engineOptions);
    } catch (error) {
      throw ApplicationFailure.create({ type: 'engine_error', message: String(error), nonRetryable: true });
    }
    if ('error' in result) throw refusalFailure(result.error);
  };

  const completeEvent = (args: CompleteTaskArgs): EngineEvent => ({
    type: 'complete_task',
    task: args.task,
    outcome: args.outcome,
    values: args.values ?? {},
    actor: { ...(args.actor.userId ? { id: args.actor.userId } : {}), roles: args.actor.roles },
  });

  const cancelNow = (args: CancelArgs) =>
    step({ type: 'cancel', ...(args.reason ? { reason: args.reason } : {}) }, args.actor ? { actor: args.actor } : {});

  if (input.resume) {
    state = input.resume.state;
    seq = input.resume.seq;
    // Durable timers do not cross continue-as-new: schedule again what the engine still waits
    // for (a blocked instance waits for nothing but a cancel).
    if (state.status === 'running') for (const timer of state.timers) scheduleTimer(timer.id, timer.at);
  } else {
    const now = Date.now();
    const started = startWith(definition, input.input, now, engineOptions);
    if ('error' in started) throw refusalFailure(started.error);
    commit(started, now, undefined, input.input);
  }

  // Registered once the state exists: updates that came with the first activation are
  // validated as soon as their handler is set.
  setHandler(stateQuery, () => ({ state, seq }));
  setHandler(
    completeTaskUpdate,
    async (args) => {
      const result = step(completeEvent(args), { ...(args.comment ? { comment: args.comment } : {}), actor: args.actor });
      if ('refusal' in result) throw refusalFailure(result.refusal);
      await result.recorded;
      return result.summary;
    },
    { validator: (args) => validate(completeEvent(args)) },
  );
  setHandler(
    cancelUpdate,
    async (args: CancelArgs) => {
      const result = cancelNow(args);
      if ('refusal' in result) throw refusalFailure(result.refusal);
      await result.recorded;
      return result.summary;
    },
    { validator: (_args: CancelArgs) => validate({ type: 'cancel' }) },
  );
  setHandler(cancelSignal, (args) => {
    cancelNow(args); // A refusal here means it is already over.
  });

  // A blocked project is not finished: it stays open, and cancellable, until someone cancels it.
  const finished = () => state.status === 'completed' || state.status === 'abandoned';
  const idle = () => busy === 0 && allHandlersFinished();
  // A running child's result cannot follow us into a new run, so wait until none is running.
  const shouldContinueAsNew = () =>
    state.children.length === 0 &&
    children.size === 0 &&
    (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= continueAsNewAfter);

  try {
    for (;;) {
      await condition(() => finished() || shouldContinueAsNew());
      await condition(() => idle());
      if (finished()) break;
      if (shouldContinueAsNew()) {
        return await continueAsNew<typeof projectWorkflow>({ ...input, resume: { state, seq } });
      }
    }
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // The workflow itself was cancelled (e.g. from the Temporal UI): end it as the engine would.
    await CancellationScope.nonCancellable(async () => {
      if (!finished()) cancelNow({ reason: 'Annulé dans Temporal' });
      await condition(() => idle());
    });
  }
  return summarize(project.id, state, seq);
}
