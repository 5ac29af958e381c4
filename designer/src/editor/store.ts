// The editor's one store: the document being edited (the truth), React Flow's nodes and edges
// (a view of it plus selection and measured sizes), the undo and redo stacks of documents
// (so selection is never undone), the last validation and the field to focus. Every content
// change goes through `commit`; React Flow's own changes (drag, select, measure) only touch
// the view until a drag ends or something is deleted.
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Definition } from '../../../dsl/schema';
import { nodeToFlow, edgeToFlow, type ProcessFlowEdge, type ProcessFlowNode } from '../graph/convert';
import { connect, copyElements, moveNodes, pasteElements, removeElements, type Clip } from '../graph/edit';
import { withLayout } from '../graph/layout';
import type { PlacedProblem } from '../graph/problems';

export const HISTORY_LIMIT = 100;

export interface Focus {
  kind: 'node' | 'edge' | 'document';
  id?: string;
  field?: string;
  /** Changes on every request, so the same field can be focused twice. */
  seq: number;
}

export interface EditorState {
  doc: Definition;
  nodes: ProcessFlowNode[];
  edges: ProcessFlowEdge[];
  past: Definition[];
  future: Definition[];
  problems: PlacedProblem[];
  focus: Focus | null;
  clip: Clip | null;
  /** The document as last saved, to tell unsaved changes. */
  saved: Definition | null;

  load(doc: Definition, saved?: Definition | null): void;
  commit(next: Definition): void;
  undo(): void;
  redo(): void;
  onNodesChange(changes: NodeChange<ProcessFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<ProcessFlowEdge>[]): void;
  onConnect(connection: Connection): void;
  select(kind: 'node' | 'edge' | null, ids?: string[]): void;
  focusOn(target: Omit<Focus, 'seq'>): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(): void;
  duplicate(): void;
  setProblems(problems: PlacedProblem[]): void;
  markSaved(doc: Definition): void;
}

/** The view of `doc`, reusing the flow objects of nodes whose document node did not change. */
function syncNodes(doc: Definition, prevDoc: Definition | null, prev: ProcessFlowNode[]): ProcessFlowNode[] {
  const before = new Map(prevDoc?.nodes.map((n) => [n.id, n]));
  const flows = new Map(prev.map((n) => [n.id, n]));
  return doc.nodes.map((n) => {
    const old = flows.get(n.id);
    if (old && before.get(n.id) === n) return old;
    const fresh = nodeToFlow(n, n.position ?? { x: 0, y: 0 });
    return old ? { ...fresh, selected: old.selected, measured: old.measured } : fresh;
  });
}

function syncEdges(doc: Definition, prevDoc: Definition | null, prev: ProcessFlowEdge[]): ProcessFlowEdge[] {
  const before = new Map(prevDoc?.edges.map((e) => [e.id, e]));
  const flows = new Map(prev.map((e) => [e.id, e]));
  return doc.edges.map((e) => {
    const old = flows.get(e.id);
    if (old && before.get(e.id) === e) return old;
    const fresh = edgeToFlow(e);
    return old ? { ...fresh, selected: old.selected } : fresh;
  });
}

export function createEditorStore(initial: Definition) {
  return createStore<EditorState>((set, get) => {
    const show = (doc: Definition) => {
      const s = get();
      set({ doc, nodes: syncNodes(doc, s.doc, s.nodes), edges: syncEdges(doc, s.doc, s.edges) });
    };
    const selectedIds = () => ({
      nodes: get().nodes.filter((n) => n.selected).map((n) => n.id),
      edges: get().edges.filter((e) => e.selected).map((e) => e.id),
    });
    const commitSelecting = (doc: Definition, ids: string[]) => {
      get().commit(doc);
      const wanted = new Set(ids);
      set((s) => ({ nodes: s.nodes.map((n) => (n.selected === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) })), edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) }));
    };
    performance.mark('designer:layout-start');
    const placed = withLayout(initial, true);
    performance.mark('designer:layout-end');
    return {
      doc: placed,
      nodes: syncNodes(placed, null, []),
      edges: syncEdges(placed, null, []),
      past: [],
      future: [],
      problems: [],
      focus: null,
      clip: null,
      saved: null,

      load(doc, saved = null) {
        const next = withLayout(doc, true);
        set({ doc: next, nodes: syncNodes(next, null, []), edges: syncEdges(next, null, []), past: [], future: [], saved });
      },
      commit(next) {
        const { doc, past } = get();
        if (next === doc) return;
        set({ past: [...past, doc].slice(-HISTORY_LIMIT), future: [] });
        show(next);
      },
      undo() {
        const { past, future, doc } = get();
        if (past.length === 0) return;
        set({ past: past.slice(0, -1), future: [doc, ...future] });
        show(past[past.length - 1]);
      },
      redo() {
        const { past, future, doc } = get();
        if (future.length === 0) return;
        set({ past: [...past, doc], future: future.slice(1) });
        show(future[0]);
      },
      onNodesChange(changes) {
        const removed = changes.filter((c) => c.type === 'remove').map((c) => (c as { id: string }).id);
        const rest = changes.filter((c) => c.type !== 'remove');
        if (rest.length) set((s) => ({ nodes: applyNodeChanges(rest, s.nodes) }));
        const dropped: Record<string, { x: number; y: number }> = {};
        for (const c of rest) if (c.type === 'position' && c.dragging === false) {
          const n = get().nodes.find((x) => x.id === c.id);
          if (n) dropped[c.id] = n.position;
        }
        const moved = Object.keys(dropped).filter((id) => {
          const before = get().doc.nodes.find((n) => n.id === id)?.position;
          return !before || Math.round(before.x) !== Math.round(dropped[id].x) || Math.round(before.y) !== Math.round(dropped[id].y);
        });
        if (moved.length) get().commit(moveNodes(get().doc, Object.fromEntries(moved.map((id) => [id, dropped[id]]))));
        if (removed.length) get().commit(removeElements(get().doc, removed, []));
      },
      onEdgesChange(changes) {
        const removed = changes.filter((c) => c.type === 'remove').map((c) => (c as { id: string }).id);
        const rest = changes.filter((c) => c.type !== 'remove');
        if (rest.length) set((s) => ({ edges: applyEdgeChanges(rest, s.edges) }));
        if (removed.length) get().commit(removeElements(get().doc, [], removed));
      },
      onConnect({ source, target }) {
        if (!source || !target) return;
        const { doc, id } = connect(get().doc, source, target);
        get().commit(doc);
        get().select('edge', [id]);
      },
      select(kind, ids = []) {
        const wanted = new Set(ids);
        set((s) => ({
          nodes: s.nodes.map((n) => {
            const on = kind === 'node' && wanted.has(n.id);
            return !!n.selected === on ? n : { ...n, selected: on };
          }),
          edges: s.edges.map((e) => {
            const on = kind === 'edge' && wanted.has(e.id);
            return !!e.selected === on ? e : { ...e, selected: on };
          }),
        }));
      },
      focusOn(target) {
        const seq = (get().focus?.seq ?? 0) + 1;
        if (target.kind !== 'document' && target.id) get().select(target.kind, [target.id]);
        set({ focus: { ...target, seq } });
      },
      deleteSelection() {
        const { nodes, edges } = selectedIds();
        if (nodes.length || edges.length) get().commit(removeElements(get().doc, nodes, edges));
      },
      copySelection() {
        const { nodes } = selectedIds();
        if (nodes.length) set({ clip: copyElements(get().doc, nodes) });
      },
      paste() {
        const clip = get().clip;
        if (!clip) return;
        const { doc, ids } = pasteElements(get().doc, clip);
        commitSelecting(doc, ids);
      },
      duplicate() {
        const { nodes } = selectedIds();
        if (!nodes.length) return;
        const { doc, ids } = pasteElements(get().doc, copyElements(get().doc, nodes));
        commitSelecting(doc, ids);
      },
      setProblems(problems) {
        set({ problems });
      },
      markSaved(doc) {
        set({ saved: doc });
      },
    };
  });
}

export type EditorStore = StoreApi<EditorState>;
export const EditorContext = createContext<EditorStore | null>(null);

export function useEditor<T>(select: (s: EditorState) => T): T {
  const store = useContext(EditorContext);
  if (!store) throw new Error('EditorContext manquant');
  return useStore(store, select);
}

export function useEditorStore(): EditorStore {
  const store = useContext(EditorContext);
  if (!store) throw new Error('EditorContext manquant');
  return store;
}
