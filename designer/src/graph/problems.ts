// Validation problems placed on the diagram: each problem belongs to the node or edge its
// path points into, or, for `outcome_edges` and `gateway_edges` (reported on the node, with
// the edge named in the message), to that edge. What remains belongs to the document.
import type { Definition } from '../../../dsl/schema';
import type { Problem } from '../../../dsl/validate';

export type Severity = 'error' | 'warning';
export interface PlacedProblem extends Problem {
  severity: Severity;
  /** The node or edge shown as the culprit; none for document-level problems. */
  target?: { kind: 'node' | 'edge'; id: string };
  /** The field at fault inside the target, from the path (`due`, `assignee`, `when`…). */
  field?: string;
}

const EDGE_IN_MESSAGE = /la transition « ([^»]+) »/;

function locate(doc: Definition, p: Problem): Pick<PlacedProblem, 'target' | 'field'> {
  const [list, index, field] = p.path.split('/').slice(1);
  const i = Number(index);
  if (list === 'nodes' && Array.isArray(doc.nodes) && doc.nodes[i]) {
    const node = doc.nodes[i];
    if (p.code === 'outcome_edges' || p.code === 'gateway_edges') {
      const named = EDGE_IN_MESSAGE.exec(p.message)?.[1];
      const edge = named && doc.edges.find((e) => e.from === node.id && (e.label === named || e.id === named));
      if (edge) return { target: { kind: 'edge', id: edge.id }, field: p.code === 'gateway_edges' ? 'when' : 'outcome' };
    }
    return { target: { kind: 'node', id: node.id }, field };
  }
  if (list === 'edges' && Array.isArray(doc.edges) && doc.edges[i]) return { target: { kind: 'edge', id: doc.edges[i].id }, field };
  return {};
}

export function placeProblems(doc: Definition, errors: Problem[], warnings: Problem[]): PlacedProblem[] {
  return [
    ...errors.map((p) => ({ ...p, severity: 'error' as const, ...locate(doc, p) })),
    ...warnings.map((p) => ({ ...p, severity: 'warning' as const, ...locate(doc, p) })),
  ];
}

export type ProblemIndex = Record<string, { errors: number; warnings: number; messages: string[] }>;

/** Problems keyed `node:<id>` or `edge:<id>`, for marking the canvas (one pass, not one per node). */
export function indexProblems(problems: PlacedProblem[]): ProblemIndex {
  const out: ProblemIndex = {};
  for (const p of problems) {
    if (!p.target) continue;
    const slot = (out[`${p.target.kind}:${p.target.id}`] ??= { errors: 0, warnings: 0, messages: [] });
    if (p.severity === 'error') slot.errors++;
    else slot.warnings++;
    slot.messages.push(p.message);
  }
  return out;
}
