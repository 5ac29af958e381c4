// Automatic layout with @dagrejs/dagre: left to right, ranks by the flow's order, so a process
// reads like a timeline. Dagre rather than elkjs: synchronous (one call, no worker, no
// promise to race the store), MIT, small, and our graphs are plain directed graphs without
// nested sub-flows, which is where elkjs would earn its size and its EPL/GPL licence.
import dagre from '@dagrejs/dagre';
import type { Definition } from '../../../dsl/schema';

export const NODE_SIZE: Record<string, { width: number; height: number }> = {
  task: { width: 200, height: 76 },
  subprocess: { width: 200, height: 76 },
  notify: { width: 200, height: 64 },
  set: { width: 180, height: 56 },
  timer: { width: 160, height: 56 },
  exclusive: { width: 64, height: 64 },
  parallel: { width: 64, height: 64 },
  start: { width: 120, height: 44 },
  end: { width: 120, height: 44 },
};

export const nodeSize = (type: string) => NODE_SIZE[type] ?? { width: 180, height: 60 };

/** Top-left positions for every node of the document (React Flow's origin is the top left). */
export function layoutPositions(doc: Pick<Definition, 'nodes' | 'edges'>): Record<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 48, ranksep: 72, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of doc.nodes) g.setNode(n.id, { ...nodeSize(n.type) });
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const e of doc.edges) if (ids.has(e.from) && ids.has(e.to)) g.setEdge(e.from, e.to, {}, e.id);
  dagre.layout(g);
  const out: Record<string, { x: number; y: number }> = {};
  for (const n of doc.nodes) {
    const p = g.node(n.id);
    const size = nodeSize(n.type);
    out[n.id] = { x: Math.round(p.x - size.width / 2), y: Math.round(p.y - size.height / 2) };
  }
  return out;
}

/** The document with every node placed by the layout (all, or only those without a position). */
export function withLayout(doc: Definition, onlyMissing = false): Definition {
  const at = layoutPositions(doc);
  return { ...doc, nodes: doc.nodes.map((n) => (onlyMissing && n.position ? n : { ...n, position: at[n.id] })) };
}
