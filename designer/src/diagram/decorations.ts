// What the canvas shows on top of the document: role and phase names and colours, problems,
// project status, version differences, the simulated path and the found node. One small store
// per diagram, so each node subscribes to its own slice and one change does not re-render
// every node (React Flow's performance rule).
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Definition } from '../../../dsl/schema';
import type { ProcessFlowEdge, ProcessFlowNode } from '../graph/convert';
import type { ProblemIndex } from '../graph/problems';
import { phaseColor, roleColor } from './colors';

export type NodeStatus = 'done' | 'open' | 'pending';
export type DiffMark = 'added' | 'removed' | 'changed';

export interface Decorations {
  roles: Record<string, { label: string; color: string }>;
  phases: Record<string, { label: string; color: string }>;
  problems: ProblemIndex;
  status: Record<string, NodeStatus>;
  /** Keyed `node:<id>` or `edge:<id>`. */
  diff: Record<string, DiffMark>;
  /** Node ids the simulated run went through. */
  path: Record<string, true>;
  /** Nodes and edges removed since the compared version, drawn faded at their old places. */
  ghosts: { nodes: ProcessFlowNode[]; edges: ProcessFlowEdge[] };
}

export const NO_GHOSTS: Decorations['ghosts'] = { nodes: [], edges: [] };
export const EMPTY_DECORATIONS: Decorations = { roles: {}, phases: {}, problems: {}, status: {}, diff: {}, path: {}, ghosts: NO_GHOSTS };

export function legendOf(doc: Pick<Definition, 'roles' | 'phases'>): Pick<Decorations, 'roles' | 'phases'> {
  return {
    roles: Object.fromEntries((doc.roles ?? []).map((r, i) => [r.key, { label: r.label, color: roleColor(i) }])),
    phases: Object.fromEntries((doc.phases ?? []).map((p, i) => [p.key, { label: p.label, color: phaseColor(i) }])),
  };
}

export type DecorationStore = StoreApi<Decorations>;
export const createDecorationStore = (initial: Partial<Decorations> = {}) => createStore<Decorations>(() => ({ ...EMPTY_DECORATIONS, ...initial }));

export const DecorationContext = createContext<DecorationStore | null>(null);

export function useDecorationStore(): DecorationStore {
  const store = useContext(DecorationContext);
  if (!store) throw new Error('DecorationContext manquant');
  return store;
}

export function useDecoration<T>(select: (d: Decorations) => T): T {
  return useStore(useDecorationStore(), select);
}
