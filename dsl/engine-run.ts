// The run loop: moves tokens through the nodes that act at once (start, exclusive,
// parallel, notify, set, end) until each one waits (task, timer, subprocess, a join that
// still lacks tokens) or is consumed by an end (spec section 6). Tokens are moved depth
// first, in edge document order: the first branch of a split runs until it waits before
// the second starts, which gives one fixed, readable order of commands.
import { addDuration, parisMidnight } from './durations';
import { dead, durationOf, lower, MAX_MOVES, moveCounter } from './engine-blocked';
import { incomingOf, nodeOf, onlyEdge, outgoingOf } from './engine-index';
import { cancelEverything, finish, getVar, nextTokenId, nextVisit, schedule, setVar, type Work } from './engine-state';
import { openTask } from './engine-tasks';
import { evaluate } from './conditions';
import { PLACEHOLDER } from './placeholders';
import { isIsoDate } from './values';
import type { Token, Value, Variables } from './engine-types';
import type { Edge, Node, NodeOf } from './schema';

/** A token on the move: the node it is entering and the edge it came by. */
export interface Move {
  node: string;
  via?: string;
}

/**
 * Valid definitions have no automatic cycle (the validator's `automatic_cycle`), yet a
 * loop through a timer that fires at once (an `until` date past or unset) or through a join
 * never waits either: after `maxMoves` moves the step is stopped and the instance blocked.
 */
export function follow(edge: Edge): Move {
  return { node: edge.to, via: edge.id };
}

export function run(work: Work, moves: Move[]): void {
  const stack = moves.slice().reverse();
  const count = moveCounter(work.definition, work.options.maxMoves ?? MAX_MOVES);
  while (stack.length > 0) {
    // A terminating end has cancelled everything: tokens still in flight are dropped.
    if (work.state.status !== 'running') return;
    const move = stack.pop()!;
    count(move.node);
    const next = enter(work, move);
    for (let i = next.length - 1; i >= 0; i -= 1) stack.push(next[i]);
  }
  // Spec 6: the instance is over when no token is left; its result is the last end's.
  if (work.state.status === 'running' && work.state.tokens.length === 0) {
    finish(work, work.state.result ?? 'completed');
  }
}

function enter(work: Work, move: Move): Move[] {
  const { state, commands, index } = work;
  const node = nodeOf(index, move.node);
  if (node.phase !== undefined && node.phase !== state.phase) {
    state.phase = node.phase;
    commands.push({ type: 'enter_phase', phase: node.phase, node: node.id });
  }
  switch (node.type) {
    case 'start':
      return [follow(onlyEdge(index, node.id))];
    case 'end': {
      const result = node.result ?? 'completed';
      state.result = result;
      commands.push({ type: 'end_reached', node: node.id, result });
      if (node.terminate === true) {
        cancelEverything(work);
        finish(work, result);
      }
      return [];
    }
    case 'task':
      openTask(work, node);
      return [];
    case 'timer':
      return enterTimer(work, node);
    case 'exclusive':
      return [follow(chooseEdge(work, node))];
    case 'parallel':
      return enterParallel(work, node, move);
    case 'notify':
      commands.push({
        type: 'notify',
        node: node.id,
        to: node.to.slice(),
        subject: fill(node.subject, state.variables),
        body: fill(node.body, state.variables),
      });
      return [follow(onlyEdge(index, node.id))];
    case 'set':
      state.variables = assign(node, state.variables);
      return [follow(onlyEdge(index, node.id))];
    case 'subprocess':
      enterSubprocess(work, node);
      return [];
  }
}

function chooseEdge(work: Work, node: Node): Edge {
  const edges = outgoingOf(work.index, node.id);
  for (const edge of edges) {
    if (edge.default !== true && edge.when !== undefined && evaluate(edge.when, work.state.variables)) return edge;
  }
  const fallback = edges.find((e) => e.default === true);
  if (!fallback) throw dead(node.id, `${lower(work.definition, node.id)} n’a pas de transition par défaut`);
  return fallback;
}

function enterTimer(work: Work, node: NodeOf<'timer'>): Move[] {
  const { state, now } = work;
  const id = `${node.id}:${nextVisit(work, node.id)}`;
  let at: number | null;
  if (node.wait !== undefined) {
    at = addDuration(now, durationOf(work.definition, node.id, node.wait));
  } else {
    const date = node.until === undefined ? undefined : getVar(state.variables, node.until);
    at = typeof date === 'string' && isIsoDate(date) ? parisMidnight(date) : null;
  }
  // Spec 6: a date already past, or no value, fires at once, within this same step. The
  // timer gets an id (for the timeline) but is never scheduled.
  if (at === null || at <= now) {
    work.commands.push({ type: 'timer_fired', timer: id, node: node.id });
    return [follow(onlyEdge(work.index, node.id))];
  }
  state.tokens.push({ id: nextTokenId(work), node: node.id, timer: id });
  schedule(work, { id, at, kind: 'timer', node: node.id });
  return [];
}

function enterParallel(work: Work, node: Node, move: Move): Move[] {
  const { state, index } = work;
  const incoming = incomingOf(index, node.id);
  const onward = outgoingOf(index, node.id).map(follow);
  if (incoming.length <= 1) return onward;
  // A join: the arriving token waits; once every incoming edge has one, take the oldest
  // from each and go on.
  state.tokens.push({ id: nextTokenId(work), node: node.id, ...(move.via === undefined ? {} : { via: move.via }) });
  const taken: Token[] = [];
  for (const edge of incoming) {
    const token = state.tokens.find((t) => t.node === node.id && t.via === edge.id && !taken.includes(t));
    if (!token) return [];
    taken.push(token);
  }
  state.tokens = state.tokens.filter((t) => !taken.includes(t));
  return onward;
}

function enterSubprocess(work: Work, node: NodeOf<'subprocess'>): void {
  const { state } = work;
  const id = `${node.id}:${nextVisit(work, node.id)}`;
  const input: Variables = {};
  for (const [childVar, parentVar] of Object.entries(node.input ?? {})) {
    const value = getVar(state.variables, parentVar);
    if (value !== undefined) setVar(input, childVar, value);
  }
  state.children.push({ id, node: node.id, process: node.process });
  state.tokens.push({ id: nextTokenId(work), node: node.id, child: id });
  work.commands.push({ type: 'start_child', child: id, node: node.id, process: node.process, input });
}

/**
 * All assignments read the variables as they were before the node, so their order does
 * not matter (two variables can be swapped). A copy from a variable with no value leaves
 * the target as it is (spec 2). `null` is never a value (the validator refuses it), so it
 * assigns nothing.
 */
function assign(node: NodeOf<'set'>, before: Variables): Variables {
  const after: Variables = { ...before };
  for (const [name, source] of Object.entries(node.assign)) {
    const value: Value | null | undefined = source !== null && typeof source === 'object' ? getVar(before, source.var) : source;
    if (value !== undefined && value !== null) setVar(after, name, value);
  }
  return after;
}

/**
 * Fills `{{name}}` placeholders (the validator's syntax, from placeholders.ts); a variable
 * with no value gives an empty string, and values are written as they are held.
 */
export function fill(template: string, variables: Variables): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = getVar(variables, name);
    return value === undefined ? '' : String(value);
  });
}
