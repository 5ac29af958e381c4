// `join_deadlock` (spec 7): a parallel join that no run can fill. The dominator tree names
// the suspects cheaply: a join whose incoming edges meet first at a choice (an exclusive
// gateway, or a task with several outgoing edges), or that a loop enters again after it.
// A suspect is reported only when a walk over every run proves it can never hold a token
// on all its incoming edges at once: two tokens may pass one gateway at different times
// and take different edges (issue 12), which the dominators cannot see.
//
// The walk abstracts data away, so it covers every real run: each exclusive edge and each
// task outcome may be taken, tasks, timers and subprocesses may finish in any order. Token
// counts above one are read as "many" (never running out), so the walk is finite and still
// covers every run. When it would take too long, the suspect is left unreported: a join
// that some run fills must never be reported.
import { OUTSIDE, commonDominator, dominates, dominators, type Graph } from './graph';
import { pointer, type ProblemSink } from './problems';
import { nodeName, nodeNameLower } from './validate-messages';
import type { LooseNode } from './validate-model';

type Flow = { nodes: LooseNode[]; g: Graph; sink: ProblemSink };

/** Markings the walk may visit before it gives up (leaving its suspects unreported). */
const MAX_MARKINGS = 50_000;
/** Moves one step of the walk may make before it gives up (a loop through joins only). */
const MAX_STEP_MOVES = 10_000;

export function checkJoins({ nodes, g, sink }: Flow, starts: number[]): void {
  const joins = nodes.flatMap((n, k) => (n.type === 'parallel' && g.in[k].length >= 2 ? [k] : []));
  if (joins.length === 0) return;
  const dom = dominators(g, starts);
  const isChoice = (k: number) =>
    k !== dom.root && (nodes[k].type === 'exclusive' || (nodes[k].type === 'task' && g.out[k].length > 1));
  const suspects: { join: number; why: string }[] = [];
  for (const j of joins) {
    if (dom.idom[j] === -1) continue;
    const sources = g.in[j].map((e) => (g.from[e] === OUTSIDE ? dom.root : g.from[e])).filter((p) => dom.idom[p] !== -1);
    const loopsBack = sources.some((p) => p !== dom.root && dominates(dom, j, p));
    let alternative: number | null = null;
    for (let a = 0; a < sources.length && alternative === null && !loopsBack; a++) {
      for (let b = a + 1; b < sources.length; b++) {
        const d = commonDominator(dom, sources[a], sources[b]);
        if (isChoice(d)) {
          alternative = d;
          break;
        }
      }
    }
    if (!loopsBack && alternative === null) continue;
    const why = loopsBack
      ? "une de ses entrées revient d’après la jonction elle-même"
      : `ses entrées sont sur des branches exclusives de ${nodeNameLower(nodes[alternative!])}`;
    suspects.push({ join: j, why });
  }
  if (suspects.length === 0) return;
  const filled = joinsFilled(nodes, g, starts, new Set(suspects.map((s) => s.join)));
  if (filled === null) return;
  for (const { join, why } of suspects) {
    if (filled.has(join)) continue;
    sink.add('join_deadlock', pointer('nodes', nodes[join].index), `${nodeName(nodes[join])} attendrait indéfiniment : ${why}`);
  }
}

type Kind = 'wait' | 'choice' | 'split' | 'join' | 'end' | 'terminate';

function kindOf(node: LooseNode, ins: number): Kind {
  switch (node.type) {
    case 'task':
    case 'timer':
    case 'subprocess':
    case null:
      return 'wait';
    case 'parallel':
      return ins >= 2 ? 'join' : 'split';
    case 'end':
      return node.terminate === true ? 'terminate' : 'end';
    default:
      return 'choice'; // start, exclusive, notify, set: one edge, or one of several
  }
}

/** Tokens waiting on edges (into a waiting node or a join): edge → 1, or MANY. */
type Marking = Map<number, number>;
const MANY = 2;

const keyOf = (m: Marking): string =>
  [...m.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([e, c]) => `${e}:${c}`)
    .join(',');

function add(m: Marking, e: number): void {
  m.set(e, Math.min(MANY, (m.get(e) ?? 0) + 1));
}

function take(m: Marking, e: number): void {
  const c = m.get(e) ?? 0;
  if (c === 1) m.delete(e);
}

/**
 * Which of `wanted` some run fills, or null when the walk is too large to tell. Starts with
 * one token on each start node; edges coming from a missing node may bring tokens any time.
 */
function joinsFilled(nodes: LooseNode[], g: Graph, starts: number[], wanted: Set<number>): Set<number> | null {
  const kinds = nodes.map((n, k) => kindOf(n, g.in[k].length));
  const filled = new Set<number>();
  const sources: number[] = [];
  for (let e = 0; e < g.from.length; e++) if (g.from[e] === OUTSIDE && g.to[e] !== OUTSIDE) sources.push(e);

  /**
   * Every marking a step can lead to: tokens on `moves` travel until they wait, choosing
   * every way at each choice. Null when a step never stops (a loop through joins).
   */
  const step = (from: Marking, moves: number[]): Marking[] | null => {
    const results: Marking[] = [];
    const pending: { m: Marking; stack: number[]; over: boolean }[] = [{ m: new Map(from), stack: moves.slice(), over: false }];
    let budget = MAX_STEP_MOVES;
    while (pending.length > 0) {
      const branch = pending.pop()!;
      const { m, stack } = branch;
      while (stack.length > 0) {
        if (--budget < 0) return null;
        const e = stack.pop()!;
        const k = g.to[e];
        if (k === OUTSIDE) continue;
        const out = g.out[k];
        switch (kinds[k]) {
          case 'wait':
            add(m, e);
            break;
          case 'end':
            break;
          case 'terminate':
            // The run is over, but the tokens of this step still count for joins they fill.
            branch.over = true;
            break;
          case 'split':
            for (let i = out.length - 1; i >= 0; i--) stack.push(out[i]);
            break;
          case 'choice':
            for (let i = 1; i < out.length; i++) pending.push({ m: new Map(m), stack: [...stack, out[i]], over: branch.over });
            if (out.length > 0) stack.push(out[0]);
            break;
          case 'join': {
            add(m, e);
            if (!g.in[k].every((i) => m.has(i))) break;
            if (wanted.has(k)) filled.add(k);
            for (const i of g.in[k]) take(m, i);
            for (let i = out.length - 1; i >= 0; i--) stack.push(out[i]);
            break;
          }
        }
      }
      results.push(branch.over ? new Map() : m);
    }
    return results;
  };

  const seen = new Set<string>();
  const queue: Marking[] = [];
  const visit = (markings: Marking[] | null): boolean => {
    if (markings === null) return false;
    for (const m of markings) {
      const key = keyOf(m);
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(m);
    }
    return seen.size <= MAX_MARKINGS;
  };

  const first = starts.flatMap((s) => g.out[s].slice(0, 1));
  if (!visit(step(new Map(), first))) return null;
  for (let next = 0; next < queue.length; next++) {
    if (filled.size === wanted.size) return filled;
    const m = queue[next];
    for (const source of sources) if (!visit(step(m, [source]))) return null;
    for (const [e] of m) {
      const k = g.to[e];
      if (kinds[k] !== 'wait') continue;
      for (const out of g.out[k]) {
        const rest = new Map(m);
        take(rest, e);
        if (!visit(step(rest, [out]))) return null;
      }
    }
  }
  return filled;
}
