// The graph rules of spec 2 and 7: start and end counts, edges per node type, task outcomes,
// exclusive gateways, reachability, dead ends, cycles that never wait, and parallel joins
// that can never fire (validate-joins.ts). Algorithms live in graph.ts; this file says what
// they mean here.
//
// Where the document is broken, the benefit of the doubt keeps one mistake from becoming
// many: an edge naming a missing node counts as leading somewhere good and coming from
// somewhere reachable, a node of unknown type is assumed to wait and to reach an end, and a
// node whose id repeats an earlier one is left out of the graph (`duplicate_id` covers it).
import { OUTSIDE, buildGraph, cycles, reachableFrom, reaching, type Graph } from './graph';
import { pointer, type ProblemSink } from './problems';
import { ID_PATTERN } from './schema';
import { checkJoins } from './validate-joins';
import { edgeName, nodeName, quote } from './validate-messages';
import type { LooseEdge, LooseNode } from './validate-model';

type Flow = { nodes: LooseNode[]; edges: LooseEdge[]; g: Graph; sink: ProblemSink };

const nodePath = (n: LooseNode) => pointer('nodes', n.index);
const edgePath = (e: LooseEdge, field: string) => pointer('edges', e.index, field);

export function checkFlow(allNodes: LooseNode[], edges: LooseEdge[], idlessTypes: unknown[], sink: ProblemSink): void {
  const position = new Map<string, number>();
  const nodes: LooseNode[] = [];
  for (const n of allNodes) {
    if (position.has(n.id)) continue;
    position.set(n.id, nodes.length);
    nodes.push(n);
  }
  for (const e of edges) {
    for (const end of ['from', 'to'] as const) {
      const id = e[end];
      // An id of the wrong form already has its `schema` problem.
      if (id !== null && !position.has(id) && ID_PATTERN.test(id)) {
        const where = end === 'from' ? "part d’une" : 'mène à une';
        sink.add('unknown_node', edgePath(e, end), `${edgeName(e)} ${where} étape inconnue, ${quote(id)}`);
      }
    }
  }
  const at = (id: string | null) => (id === null ? OUTSIDE : (position.get(id) ?? OUTSIDE));
  const g = buildGraph(nodes.length, edges.map((e) => ({ from: at(e.from), to: at(e.to) })));
  const flow: Flow = { nodes, edges, g, sink };

  const starts = nodes.flatMap((n, k) => (n.type === 'start' ? [k] : []));
  if (starts.length === 0 && !idlessTypes.includes('start')) {
    sink.add('start_count', '/nodes', "Le processus doit avoir une étape de début, et il n’en a aucune");
  }
  for (const k of starts.slice(1)) {
    sink.add('start_count', nodePath(nodes[k]), `${nodeName(nodes[k])} est un second début : un processus n’en a qu’un`);
  }
  const ends = nodes.flatMap((n, k) => (n.type === 'end' ? [k] : []));
  if (ends.length === 0 && !idlessTypes.includes('end')) {
    sink.add('no_end', '/nodes', "Le processus n’a aucune étape de fin");
  }

  nodes.forEach((node, k) => {
    if (node.type === 'task') checkOutcomes(flow, node, k);
    else if (node.type === 'exclusive') checkGateway(flow, node, k);
    else checkEdgeCount(flow, node, k);
  });
  checkReach(flow, starts, ends);
  checkAutomaticCycles(flow);
  if (starts.length > 0) checkJoins(flow, starts);
}

/**
 * Edge counts section 2 sets for nodes other than tasks and exclusive gateways (their
 * outgoing edges are `outcome_edges` and `gateway_edges`; spec 7 gives them no `edge_count`).
 * Incoming edges are only counted where section 2 counts them (start, parallel): any other
 * node without one is `unreachable`, which says the same thing better.
 */
function checkEdgeCount({ g, sink }: Flow, node: LooseNode, k: number): void {
  const ins = g.in[k].length;
  const outs = g.out[k].length;
  const who = nodeName(node);
  let problem: string | null = null;
  switch (node.type) {
    case 'start':
      if (ins > 0) problem = `${who} ne doit recevoir aucune transition (elle en reçoit ${ins})`;
      else if (outs !== 1) problem = `${who} doit avoir exactement une transition sortante (elle en a ${outs})`;
      break;
    case 'end':
      if (outs > 0) problem = `${who} est une fin : aucune transition ne doit en partir (il en part ${outs})`;
      break;
    case 'timer':
    case 'notify':
    case 'set':
    case 'subprocess':
      if (outs !== 1) problem = `${who} doit avoir exactement une transition sortante (elle en a ${outs})`;
      break;
    case 'parallel':
      if (ins === 0) problem = `${who} ne reçoit aucune transition`;
      else if (outs === 0) problem = `${who} n’a aucune transition sortante`;
      else if (ins === 1 && outs === 1) {
        problem = `${who} n’a qu’une entrée et qu’une sortie : une passerelle parallèle sépare ou rejoint plusieurs chemins`;
      }
      break;
  }
  if (problem) sink.add('edge_count', nodePath(node), problem);
}

/** The edge, by label or id, for messages about a node's outgoing edges (reported on the node). */
const edgeRef = (e: LooseEdge) => `la transition ${quote(e.label || e.id || `n° ${e.index + 1}`)}`;

// Both `outcome_edges` and `gateway_edges` are reported on the node (spec 7 defines them as
// a task's or a gateway's problem); the message names the edge concerned.
function checkOutcomes({ g, edges, sink }: Flow, node: Extract<LooseNode, { type: 'task' }>, k: number): void {
  const out = g.out[k].map((e) => edges[e]);
  // A malformed outcome has its own `schema` problem; matching edges against it would only echo it.
  if (node.broken.has('outcomes') || out.some((e) => e.broken.has('outcome'))) return;
  const outcomes = [...new Set(node.outcomes ?? ['done'])];
  const who = nodeName(node);
  const add = (message: string) => sink.add('outcome_edges', nodePath(node), `${who} ${message}`);
  if (out.length === 0) return add("n’a aucune transition sortante");
  if (outcomes.length === 1) {
    if (out.length > 1) add(`n’a qu’une issue, donc une seule transition sortante (elle en a ${out.length})`);
    for (const e of out) {
      if (e.outcome !== undefined && e.outcome !== outcomes[0]) {
        add(`n’a pas d’issue ${quote(e.outcome)}, que nomme ${edgeRef(e)} (son issue est ${quote(outcomes[0])})`);
      }
    }
    return;
  }
  const covered = new Set<string>();
  for (const e of out) {
    if (e.outcome === undefined) add(`a plusieurs issues : ${edgeRef(e)} doit nommer la sienne`);
    else if (!outcomes.includes(e.outcome)) add(`n’a pas d’issue ${quote(e.outcome)}, que nomme ${edgeRef(e)}`);
    else if (covered.has(e.outcome)) add(`a déjà une transition pour l’issue ${quote(e.outcome)} avant ${edgeRef(e)}`);
    if (e.outcome !== undefined) covered.add(e.outcome);
  }
  for (const outcome of outcomes) if (!covered.has(outcome)) add(`n’a pas de transition pour l’issue ${quote(outcome)}`);
}

function checkGateway({ g, edges, sink }: Flow, node: LooseNode, k: number): void {
  const out = g.out[k].map((e) => edges[e]);
  const add = (message: string) => sink.add('gateway_edges', nodePath(node), `${nodeName(node)} ${message}`);
  if (out.length < 2) add(`doit avoir au moins deux transitions sortantes (elle en a ${out.length})`);
  if (out.length === 0 || out.some((e) => e.broken.has('default'))) return;
  const defaults = out.filter((e) => e.default === true);
  if (defaults.length === 0) add('doit avoir une transition par défaut (default: true)');
  for (const e of defaults.slice(1)) add(`a déjà une transition par défaut avant ${edgeRef(e)}`);
  for (const e of out) {
    const hasWhen = e.raw.when !== undefined;
    if (e.default === true && hasWhen) add(`: ${edgeRef(e)} est celle par défaut et ne doit pas avoir de condition`);
    else if (e.default !== true && !hasWhen) add(`: ${edgeRef(e)} doit avoir une condition (when) ou être celle par défaut`);
  }
}

function checkReach({ nodes, g, sink }: Flow, starts: number[], ends: number[]): void {
  // Tokens may arrive through an edge whose source is missing; it has its own problem.
  const seeds = [...starts];
  for (let e = 0; e < g.from.length; e++) if (g.from[e] === OUTSIDE && g.to[e] !== OUTSIDE) seeds.push(g.to[e]);
  const reached = starts.length > 0 ? reachableFrom(g, seeds) : null;
  if (reached) {
    nodes.forEach((n, k) => {
      if (!reached[k]) sink.add('unreachable', nodePath(n), `${nodeName(n)} ne peut pas être atteinte depuis le début`);
    });
  }
  // Without any end every node would be a dead end: `no_end` says it once.
  if (ends.length === 0) return;
  const targets = [...ends];
  nodes.forEach((n, k) => {
    if (n.type === null || g.out[k].some((e) => g.to[e] === OUTSIDE)) targets.push(k);
  });
  const finishing = reaching(g, targets);
  nodes.forEach((n, k) => {
    // An unreachable node is already reported; whether it could finish is moot until it is connected.
    if (finishing[k] || (reached && !reached[k])) return;
    sink.add('dead_end', nodePath(n), `${nodeName(n)} n’a pas de chemin vers une fin`);
  });
}

/** Whether a token passes through the node at once (spec 6); joins wait for their tokens. */
function passesThrough(node: LooseNode, ins: number): boolean {
  switch (node.type) {
    case 'start':
    case 'end':
    case 'exclusive':
    case 'notify':
    case 'set':
      return true;
    case 'parallel':
      return ins < 2;
    default:
      return false;
  }
}

function checkAutomaticCycles({ nodes, g, sink }: Flow): void {
  const found = cycles(g, (k) => passesThrough(nodes[k], g.in[k].length));
  for (const component of found) {
    const members = component.map((k) => nodes[k]).sort((a, b) => a.index - b.index);
    const names = members.map((n) => quote(n.label || n.id)).join(', ');
    sink.add(
      'automatic_cycle',
      nodePath(members[0]),
      `Une boucle passe par ${names} sans aucune étape qui attende (tâche, minuteur, sous-processus ou jonction) : elle tournerait sans fin`,
    );
  }
}
