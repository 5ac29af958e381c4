// A forgiving reading of a document for the validator. zod says whether the whole document
// has the right shape; this module keeps whatever parts do, field by field, so reference
// and graph checks still run on a document with one bad field (spec 7: every problem at
// once). A field that is present but malformed is dropped and remembered in `broken`, so
// checks can stay silent about it instead of repeating zod's complaint in other words.
import {
  Definition,
  Edge,
  EndNode,
  ExclusiveNode,
  NotifyNode,
  ParallelNode,
  Phase,
  Role,
  SetNode,
  StartNode,
  SubprocessNode,
  TaskNode,
  TimerNode,
  Variable,
  NODE_TYPES,
  type NodeOf,
  type NodeType,
} from './schema';
import type { z } from 'zod';

export type Raw = Record<string, unknown>;

/** Where an item sits in its document list (for paths), its raw object and bad fields. */
type Meta = { index: number; raw: Raw; broken: ReadonlySet<string> };

// Identifiers are kept as long as they are strings, whatever their pattern: a misspelt id is
// one `schema` problem, and dropping it would add an `unknown_node` for every edge using it.
export type LooseRole = Meta & Partial<z.infer<typeof Role>> & { key: string };
export type LoosePhase = Meta & Partial<z.infer<typeof Phase>> & { key: string };
export type LooseVariable = Meta & Partial<Variable> & { name: string };
export type LooseEdge = Meta & Partial<Edge> & { id: string | null; from: string | null; to: string | null };
/** `type: null` is a node whose type is missing or unknown: kept so edges can name it. */
export type LooseNode =
  | { [T in NodeType]: Meta & Partial<NodeOf<T>> & { id: string; type: T } }[NodeType]
  | (Meta & { id: string; type: null; label?: string; phase?: string });

/** A list is null when the document does not hold a usable list there at all. */
export type LooseDocument = {
  roles: LooseRole[] | null;
  phases: LoosePhase[] | null;
  variables: LooseVariable[] | null;
  nodes: LooseNode[] | null;
  edges: LooseEdge[] | null;
  /** Types of the node objects left out for want of an id, so a start or an end without
   * an id does not also count as missing (`start_count`, `no_end`). */
  idlessTypes: unknown[];
};

const NONE: ReadonlySet<string> = new Set();

// The union is unwieldy to index by type, and every node schema is a plain object.
type AnyObjectSchema = { shape: Record<string, z.ZodType> };
const NODE_SCHEMAS: Record<NodeType, AnyObjectSchema> = {
  start: StartNode,
  end: EndNode,
  task: TaskNode,
  timer: TimerNode,
  exclusive: ExclusiveNode,
  parallel: ParallelNode,
  notify: NotifyNode,
  set: SetNode,
  subprocess: SubprocessNode,
};

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keeps the fields of `raw` that its schema accepts; `loose` fields only need to be strings. */
function salvage(schema: AnyObjectSchema, raw: Raw, index: number, loose: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { index, raw };
  const broken = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    // Own keys only: a field called `valueOf` or `__proto__` must not find Object.prototype's.
    const field = Object.hasOwn(schema.shape, key) ? schema.shape[key] : undefined;
    if (!field || value === undefined) continue;
    if (loose.includes(key)) {
      if (typeof value === 'string') out[key] = value;
      else broken.add(key);
      continue;
    }
    const parsed = field.safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else broken.add(key);
  }
  out.broken = broken.size > 0 ? broken : NONE;
  return out;
}

function list<T>(value: unknown, optional: boolean, read: (raw: Raw, index: number) => T | null): T[] | null {
  if (value === undefined && optional) return [];
  if (!Array.isArray(value)) return null;
  const items: T[] = [];
  value.forEach((raw, index) => {
    if (!isObject(raw)) return;
    const item = read(raw, index);
    if (item) items.push(item);
  });
  return items;
}

function readNode(raw: Raw, index: number): LooseNode | null {
  if (typeof raw.id !== 'string') return null;
  const type = NODE_TYPES.find((t) => t === raw.type);
  if (!type) {
    const label = typeof raw.label === 'string' ? raw.label : undefined;
    const phase = typeof raw.phase === 'string' ? raw.phase : undefined;
    return { index, raw, broken: new Set(['type']), id: raw.id, type: null, label, phase };
  }
  return salvage(NODE_SCHEMAS[type], raw, index, ['id']) as LooseNode;
}

function readEdge(raw: Raw, index: number): LooseEdge {
  const edge = salvage(Edge, raw, index, ['id', 'from', 'to']);
  return { id: null, from: null, to: null, ...edge } as LooseEdge;
}

function readKeyed<T>(schema: AnyObjectSchema, field: string) {
  return (raw: Raw, index: number): T | null =>
    typeof raw[field] === 'string' ? (salvage(schema, raw, index, [field]) as T) : null;
}

/** Wraps an already valid document without re-parsing it (the common, fast case). */
function wrap<T extends object>(items: T[]): (T & Meta)[] {
  return items.map((item, index) => ({ ...item, index, raw: item as Raw, broken: NONE }));
}

export function readDocument(doc: unknown, parsed: Definition | null): LooseDocument {
  if (parsed) {
    return {
      roles: wrap(parsed.roles),
      phases: wrap(parsed.phases ?? []),
      variables: wrap(parsed.variables ?? []),
      nodes: wrap(parsed.nodes) as LooseNode[],
      edges: wrap(parsed.edges),
      idlessTypes: [],
    };
  }
  const d: Raw = isObject(doc) ? doc : {};
  return {
    roles: list(d.roles, false, readKeyed<LooseRole>(Role, 'key')),
    phases: list(d.phases, true, readKeyed<LoosePhase>(Phase, 'key')),
    variables: list(d.variables, true, readKeyed<LooseVariable>(Variable, 'name')),
    nodes: list(d.nodes, false, readNode),
    edges: list(d.edges, false, readEdge),
    idlessTypes: Array.isArray(d.nodes) ? d.nodes.filter((n) => isObject(n) && typeof n.id !== 'string').map((n) => n.type) : [],
  };
}
