// When a step cannot be completed, the engine answers instead of throwing: the instance is
// blocked (spec section 8's `limit`, seen from a running project). Two causes: tokens moved
// a great many times without anything waiting (a loop that the data never leaves, such as a
// timer whose `until` variable has no value), or the definition gave a token nowhere to go
// (only a document the validator refused can do that). Both are facts of the definition,
// so retrying the step could never help. Pure; imports only dsl/.
import { parseDuration, type Duration } from './durations';
import type { Blockage, Command, EngineState, Step } from './engine-types';
import type { Definition } from './schema';

/** Moves one step may make before it counts as a loop that never waits. */
export const MAX_MOVES = 100_000;
/** How many of the last moves name the loop's nodes in the message. */
const LOOP_WINDOW = 1_000;

/** Thrown inside a step, caught at its boundary (engine.ts): callers never see it. */
export class StepBlocked extends Error {
  constructor(readonly blockage: Blockage) {
    super(blockage.message);
    this.name = 'StepBlocked';
  }
}

/** The state before the step, blocked, and what the step had done before it was stopped. */
export function blockedStep(before: EngineState, blockage: Blockage, discarded: Command[]): Step {
  const state: EngineState = { ...before, status: 'blocked', blocked: { message: blockage.message, nodes: blockage.nodes.slice() } };
  return { state, commands: [{ type: 'block', message: blockage.message, nodes: blockage.nodes.slice() }], discarded };
}

/** Counts the moves of one step and stops it, naming the loop, once there are too many. */
export function moveCounter(definition: Definition, limit: number): (node: string) => void {
  const watchFrom = limit - Math.min(LOOP_WINDOW, Math.ceil(limit / 2));
  // Most steps make a handful of moves: the set is only made for the last ones of a long step.
  let recent: Set<string> | null = null;
  let moves = 0;
  return (node) => {
    moves += 1;
    if (moves <= watchFrom) return;
    (recent ??= new Set()).add(node);
    if (moves > limit) throw new StepBlocked(loopBlockage(definition, recent, limit));
  };
}

function loopBlockage(definition: Definition, recent: Set<string>, moves: number): Blockage {
  const nodes = inDocumentOrder(definition, recent);
  const names = nodes.map((id) => name(definition, id));
  const list =
    names.length === 0 ? 'des étapes se répètent' : names.length === 1 ? `l’étape ${names[0]} se répète` : `les étapes ${enumerate(names)} se répètent`;
  // The usual cause: a timer whose date is unset or past fires at once, every time round.
  const timers = definition.nodes.flatMap((n) => (n.type === 'timer' && n.until !== undefined && recent.has(n.id) ? [n] : []));
  const why = timers.map((t) => ` Le minuteur ${name(definition, t.id)} attend la date de « ${t.until} », vide ou déjà passée : il se déclenche aussitôt.`);
  return {
    message:
      `Le projet tourne en boucle sans attendre : ${list} sans qu’aucune tâche ni aucun délai n’interrompe la boucle ` +
      `(${thousands(moves)} passages d’affilée).${why.join('')} Il n’avancera plus : il ne peut qu’être annulé.`,
    nodes,
  };
}

/** A token the definition gives nowhere to go (`what` says why, starting lower-case). */
export function dead(node: string | null, what: string): StepBlocked {
  return new StepBlocked({ message: `La définition ne permet pas de continuer : ${what}.`, nodes: node === null ? [] : [node] });
}

/** A node's duration, or a blocked step when the (unvalidated) definition holds a bad one. */
export function durationOf(definition: Definition, node: string, text: string): Duration {
  const parsed = parseDuration(text);
  if (!parsed) throw dead(node, `la durée « ${text} » de ${lower(definition, node)} n’est pas une durée ISO 8601`);
  return parsed;
}

export function lower(definition: Definition, id: string): string {
  return `l’étape ${name(definition, id)}`;
}

function name(definition: Definition, id: string): string {
  const label = definition.nodes.find((n) => n.id === id)?.label;
  return `« ${label || id} »`;
}

function inDocumentOrder(definition: Definition, ids: Set<string>): string[] {
  return definition.nodes.filter((n) => ids.has(n.id)).map((n) => n.id);
}

function enumerate(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
