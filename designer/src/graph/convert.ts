// Document ↔ graph: a `passerelle.process/1` definition to React Flow's nodes and edges and
// back. Pure and framework-free (it only names @xyflow's types), so the editor, the read-only
// diagram and the tests share it. The graph keeps every document field: a node's data is its
// document node (without id and position, which React Flow holds), an edge's data its document
// edge (without id, from and to). Everything else (roles, phases, variables…) stays in `meta`.
import type { Edge as FlowEdge, Node as FlowNode } from '@xyflow/react';
import type { Definition, Edge, Node } from '../../../dsl/schema';

type Position = { x: number; y: number };

export type DocNode = Omit<Node, 'id' | 'position'>;
export type DocEdge = Omit<Edge, 'id' | 'from' | 'to'>;
export type ProcessNodeData = {
  node: DocNode;
  /** Placed by the automatic layout, not by the document: not written back unless moved. */
  autoPlaced?: boolean;
  /** A node of an older version, removed since: drawn faded at its old place when comparing. */
  ghost?: boolean;
};
export type ProcessEdgeData = { edge: DocEdge };
export type ProcessFlowNode = FlowNode<ProcessNodeData>;
export type ProcessFlowEdge = FlowEdge<ProcessEdgeData>;
export type Meta = Omit<Definition, 'nodes' | 'edges'>;

export interface ProcessGraph {
  meta: Meta;
  nodes: ProcessFlowNode[];
  edges: ProcessFlowEdge[];
}

/** Positions for nodes the document leaves unplaced (see layout.ts). */
export type Placer = (doc: Definition) => Record<string, Position>;

export function nodeToFlow(node: Node, position: Position, autoPlaced = false): ProcessFlowNode {
  const { id, position: _ignored, ...rest } = node;
  return { id, type: node.type, position, data: autoPlaced ? { node: rest, autoPlaced } : { node: rest } };
}

export function edgeToFlow(edge: Edge): ProcessFlowEdge {
  const { id, from, to, ...rest } = edge;
  return { id, source: from, target: to, data: { edge: rest } };
}

export function toGraph(doc: Definition, place?: Placer): ProcessGraph {
  const { nodes, edges, ...meta } = doc;
  const missing = nodes.some((n) => !n.position);
  const placed = missing && place ? place(doc) : {};
  return {
    meta,
    nodes: nodes.map((n) => (n.position ? nodeToFlow(n, n.position) : nodeToFlow(n, placed[n.id] ?? { x: 0, y: 0 }, true))),
    edges: edges.map(edgeToFlow),
  };
}

export function flowToNode(n: Pick<ProcessFlowNode, 'id' | 'position' | 'data'>): Node {
  const { phase, ...fields } = n.data.node as DocNode & { phase?: string };
  const node = { id: n.id, ...fields } as Node;
  // Keep the spec's field order readable in saved files: id, type, label, phase, position, own fields.
  const ordered = { id: node.id, type: node.type, ...(node.label === undefined ? {} : { label: node.label }) } as Record<string, unknown>;
  if (phase !== undefined) ordered.phase = phase;
  if (!n.data.autoPlaced) ordered.position = { x: n.position.x, y: n.position.y };
  return Object.assign(ordered, node) as Node;
}

export function flowToEdge(e: Pick<ProcessFlowEdge, 'id' | 'source' | 'target' | 'data'>): Edge {
  return { id: e.id, from: e.source, to: e.target, ...(e.data?.edge ?? {}) };
}

export function fromGraph(graph: ProcessGraph): Definition {
  return { ...graph.meta, nodes: graph.nodes.map(flowToNode), edges: graph.edges.map(flowToEdge) };
}
