// Lookups the engine needs on every event (node by id, edges in and out of a node,
// variable by name), computed once per definition object. The cache is a WeakMap keyed by
// the definition itself, so it never lives in engine state (state stays plain JSON) and a
// definition that is no longer used is collected with its index. Pure; imports only dsl/.
import { dead, lower } from './engine-blocked';
import type { Definition, Edge, Node, Variable } from './schema';

export interface DefinitionIndex {
  readonly definition: Definition;
  readonly nodes: ReadonlyMap<string, Node>;
  /** Outgoing edges per node id, in document order (exclusive gateways try them in it). */
  readonly outgoing: ReadonlyMap<string, readonly Edge[]>;
  readonly incoming: ReadonlyMap<string, readonly Edge[]>;
  readonly variables: ReadonlyMap<string, Variable>;
  /** Undefined only in a document the validator refuses (`start_count`). */
  readonly start: Node | undefined;
}

const cache = new WeakMap<Definition, DefinitionIndex>();
const NONE: readonly Edge[] = [];

export function indexOf(definition: Definition): DefinitionIndex {
  const known = cache.get(definition);
  if (known) return known;
  const index = build(definition);
  cache.set(definition, index);
  return index;
}

function build(definition: Definition): DefinitionIndex {
  const nodes = new Map<string, Node>();
  for (const node of definition.nodes) nodes.set(node.id, node);
  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  for (const edge of definition.edges) {
    push(outgoing, edge.from, edge);
    push(incoming, edge.to, edge);
  }
  const variables = new Map<string, Variable>();
  for (const variable of definition.variables ?? []) variables.set(variable.name, variable);
  const start = definition.nodes.find((n) => n.type === 'start');
  return { definition, nodes, outgoing, incoming, variables, start };
}

function push(map: Map<string, Edge[]>, key: string, edge: Edge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}

// The throws below only happen with a document the validator refuses; the step that meets
// one is answered as blocked (engine-blocked.ts).
export function nodeOf(index: DefinitionIndex, id: string): Node {
  const node = index.nodes.get(id);
  if (!node) throw dead(null, `aucune étape ne porte l’identifiant « ${id} »`);
  return node;
}

export function outgoingOf(index: DefinitionIndex, id: string): readonly Edge[] {
  return index.outgoing.get(id) ?? NONE;
}

export function incomingOf(index: DefinitionIndex, id: string): readonly Edge[] {
  return index.incoming.get(id) ?? NONE;
}

/** The single edge leaving a node that has exactly one (start, timer, notify, set…). */
export function onlyEdge(index: DefinitionIndex, id: string): Edge {
  const edge = outgoingOf(index, id)[0];
  if (!edge) throw dead(id, `${lower(index.definition, id)} n’a pas de transition sortante`);
  return edge;
}
