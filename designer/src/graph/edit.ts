// Edits of a definition as pure functions (document in, document out), so the store stays a
// thin shell and each edit is tested without React: adding nodes and edges, removing with
// their edges, moving, copying and pasting with fresh ids.
import type { Definition, Edge, Node, NodeType } from '../../../dsl/schema';
import { freshId, newNode } from './node-types';

type Position = { x: number; y: number };

const ID_PREFIX: Record<NodeType, string> = {
  start: 'debut', end: 'fin', task: 'tache', timer: 'attente', exclusive: 'choix', parallel: 'parallele',
  notify: 'notif', set: 'affectation', subprocess: 'sousprocessus',
};

export function addNode(doc: Definition, type: NodeType, position: Position): { doc: Definition; id: string } {
  const id = freshId(ID_PREFIX[type], doc.nodes.map((n) => n.id));
  const node = { ...newNode(type, id, doc), position: { x: Math.round(position.x), y: Math.round(position.y) } } as Node;
  return { doc: { ...doc, nodes: [...doc.nodes, node] }, id };
}

/** A new edge; leaving a task with several outcomes it takes the first outcome not yet drawn. */
export function connect(doc: Definition, from: string, to: string): { doc: Definition; id: string } {
  const id = freshId('e', doc.edges.map((e) => e.id));
  const source = doc.nodes.find((n) => n.id === from);
  const edge: Edge = { id, from, to };
  if (source?.type === 'task' && (source.outcomes?.length ?? 1) > 1) {
    const drawn = new Set(doc.edges.filter((e) => e.from === from).map((e) => e.outcome));
    const free = source.outcomes!.find((o) => !drawn.has(o));
    if (free) edge.outcome = free;
  }
  return { doc: { ...doc, edges: [...doc.edges, edge] }, id };
}

export function removeElements(doc: Definition, nodeIds: Iterable<string>, edgeIds: Iterable<string>): Definition {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from) && !nodes.has(e.to)),
  };
}

export function moveNodes(doc: Definition, positions: Record<string, Position>): Definition {
  return { ...doc, nodes: doc.nodes.map((n) => (positions[n.id] ? { ...n, position: { x: Math.round(positions[n.id].x), y: Math.round(positions[n.id].y) } } : n)) };
}

export function updateNode(doc: Definition, id: string, change: (n: Node) => Node): Definition {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? change(n) : n)) };
}

export function updateEdge(doc: Definition, id: string, change: (e: Edge) => Edge): Definition {
  return { ...doc, edges: doc.edges.map((e) => (e.id === id ? change(e) : e)) };
}

/** What a copy holds: the chosen nodes and the edges between them. */
export interface Clip {
  nodes: Node[];
  edges: Edge[];
}

export function copyElements(doc: Definition, nodeIds: Iterable<string>): Clip {
  const ids = new Set(nodeIds);
  return { nodes: doc.nodes.filter((n) => ids.has(n.id)), edges: doc.edges.filter((e) => ids.has(e.from) && ids.has(e.to)) };
}

/** Pastes a copy with new ids, shifted by `offset`; returns the new node ids. */
export function pasteElements(doc: Definition, clip: Clip, offset: Position = { x: 40, y: 40 }): { doc: Definition; ids: string[] } {
  const nodeIds = doc.nodes.map((n) => n.id);
  const edgeIds = doc.edges.map((e) => e.id);
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = freshId(`${n.id.replace(/_?\d+$/, '')}_`, nodeIds);
    nodeIds.push(id);
    rename.set(n.id, id);
    const p = n.position ?? { x: 0, y: 0 };
    return { ...n, id, position: { x: p.x + offset.x, y: p.y + offset.y } } as Node;
  });
  const edges = clip.edges.map((e) => {
    const id = freshId('e', edgeIds);
    edgeIds.push(id);
    return { ...e, id, from: rename.get(e.from)!, to: rename.get(e.to)! };
  });
  return { doc: { ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] }, ids: nodes.map((n) => n.id) };
}
