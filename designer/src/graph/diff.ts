// The difference between two versions of a definition: nodes and edges added, removed or
// changed (with the fields that changed), and the document's other parts that changed.
// Positions are left out: moving a node changes the drawing, not the process. Pure.
import type { Definition } from '../../../dsl/schema';
import { edgeToFlow, nodeToFlow, type ProcessFlowEdge, type ProcessFlowNode } from './convert';
import { layoutPositions } from './layout';

export interface ElementChange {
  kind: 'node' | 'edge';
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: the fields whose values differ. */
  fields: string[];
  label?: string;
}

export interface DefinitionDiff {
  elements: ElementChange[];
  /** Top-level fields other than nodes and edges that differ (name, roles, variables…). */
  document: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>, ignore: string[]): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.includes(k));
  return keys.filter((k) => !same(a[k], b[k]));
}

function compareList<T extends { id: string; label?: string }>(kind: 'node' | 'edge', before: T[], after: T[], ignore: string[]): ElementChange[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  const out: ElementChange[] = [];
  for (const x of after) {
    const prev = old.get(x.id);
    if (!prev) out.push({ kind, id: x.id, change: 'added', fields: [], label: x.label });
    else {
      const fields = changedFields(prev as never, x as never, ignore);
      if (fields.length) out.push({ kind, id: x.id, change: 'changed', fields, label: x.label });
    }
  }
  for (const x of before) if (!now.has(x.id)) out.push({ kind, id: x.id, change: 'removed', fields: [], label: x.label });
  return out;
}

export function diffDefinitions(before: Definition, after: Definition): DefinitionDiff {
  const { nodes: _n1, edges: _e1, ...metaBefore } = before;
  const { nodes: _n2, edges: _e2, ...metaAfter } = after;
  return {
    elements: [...compareList('node', before.nodes, after.nodes, ['position']), ...compareList('edge', before.edges, after.edges, [])],
    document: changedFields(metaBefore, metaAfter, []),
  };
}

/** Marks for the canvas, keyed `node:<id>` / `edge:<id>`. */
export function diffMarks(diff: DefinitionDiff): Record<string, ElementChange['change']> {
  return Object.fromEntries(diff.elements.map((e) => [`${e.kind}:${e.id}`, e.change]));
}

export const GHOST_PREFIX = 'ghost:';

/**
 * What was removed since `before`, to draw on the canvas as ghosts: its nodes at their old
 * positions (laid out when the old version had none), and its edges, tied to the ghost of a
 * removed end or to the node still there. Neither movable, selectable nor connectable.
 */
export function removedGhosts(before: Definition, diff: DefinitionDiff): { nodes: ProcessFlowNode[]; edges: ProcessFlowEdge[] } {
  const removed = (kind: 'node' | 'edge') => new Set(diff.elements.filter((e) => e.kind === kind && e.change === 'removed').map((e) => e.id));
  const nodeIds = removed('node');
  const edgeIds = removed('edge');
  if (nodeIds.size === 0 && edgeIds.size === 0) return { nodes: [], edges: [] };
  let placed: Record<string, { x: number; y: number }> | undefined;
  const at = (n: Definition['nodes'][number]) => n.position ?? (placed ??= layoutPositions(before))[n.id];
  const end = (id: string) => (nodeIds.has(id) ? GHOST_PREFIX + id : id);
  const nodes = before.nodes.filter((n) => nodeIds.has(n.id)).map((n): ProcessFlowNode => {
    const flow = nodeToFlow(n, at(n));
    return { ...flow, id: GHOST_PREFIX + n.id, data: { ...flow.data, ghost: true }, draggable: false, selectable: false, connectable: false, deletable: false, className: 'ghost' };
  });
  const edges = before.edges.filter((e) => edgeIds.has(e.id)).map((e): ProcessFlowEdge => {
    const flow = edgeToFlow(e);
    return { ...flow, id: GHOST_PREFIX + e.id, source: end(e.from), target: end(e.to), selectable: false, deletable: false, focusable: false };
  });
  return { nodes, edges };
}
