// The editing canvas: React Flow bound to the editor store, nodes dropped from the palette,
// edges drawn by handles and marked with their problems, minimap and zoom controls. It opens
// legibly on large processes: whole when that stays readable, else at its start.
import '@xyflow/react/dist/style.css';
import '../diagram/diagram.css';
import { applyNodeChanges, Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type NodeChange, type ReactFlowInstance } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import type { NodeType } from '../../../dsl/schema';
import { useDecoration, useDecorationStore } from '../diagram/decorations';
import { PhaseLegend } from '../diagram/phase-legend';
import { FRENCH_ARIA } from '../diagram/french-aria';
import { NODE_TYPES } from '../diagram/process-node';
import { EDGE_TYPES } from '../diagram/process-edge';
import { createEdgePresenter } from '../diagram/present-edges';
import type { ProcessFlowEdge, ProcessFlowNode } from '../graph/convert';
import { GHOST_PREFIX } from '../graph/diff';
import { nodeSize } from '../graph/layout';
import { PALETTE_MIME } from './palette';
import { useEditor } from './store';

// Below this zoom a node's 12 px text is under 9 px on screen: open at a legible zoom instead.
const READABLE_ZOOM = 0.75;

export function openingView(rf: ReactFlowInstance<ProcessFlowNode, ProcessFlowEdge>, width: number, height: number) {
  const nodes = rf.getNodes();
  if (nodes.length === 0) return;
  const xs = nodes.map((n) => n.position.x);
  const ys = nodes.map((n) => n.position.y);
  const w = Math.max(...xs) - Math.min(...xs) + 240;
  const h = Math.max(...ys) - Math.min(...ys) + 160;
  const zoom = Math.min(1, width / w, height / h);
  if (zoom >= READABLE_ZOOM) return void rf.fitView({ maxZoom: 1, padding: 0.1 });
  const start = nodes.find((n) => n.type === 'start') ?? nodes[0];
  const z = 0.85;
  rf.setViewport({ x: -start.position.x * z + 30, y: height / 2 - (start.position.y + 22) * z, zoom: z });
}

export function EditorCanvas({ onAdd }: { onAdd: (type: NodeType, at: { x: number; y: number }) => void }) {
  const nodes = useEditor((s) => s.nodes);
  const rawEdges = useEditor((s) => s.edges);
  const variables = useEditor((s) => s.doc.variables);
  const docNodes = useEditor((s) => s.doc.nodes);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const onConnect = useEditor((s) => s.onConnect);
  const problems = useDecoration((d) => d.problems);
  const diff = useDecoration((d) => d.diff);
  const path = useDecoration((d) => d.path);
  const ghosts = useDecoration((d) => d.ghosts);
  const decorations = useDecorationStore();
  const { screenToFlowPosition } = useReactFlow();

  const [present] = useState(createEdgePresenter);
  const labels = useMemo(() => new Map(docNodes.map((n) => [n.id, n.label || n.id])), [docNodes]);
  const edges = useMemo(() => {
    const all = ghosts.edges.length ? [...rawEdges, ...ghosts.edges] : rawEdges;
    return present(all, { problems, diff, path, status: {}, variables, nodeLabel: (id) => labels.get(id) ?? id });
  }, [present, rawEdges, ghosts, problems, diff, path, variables, labels]);
  const shown = useMemo(() => (ghosts.nodes.length ? [...nodes, ...ghosts.nodes] : nodes), [nodes, ghosts]);
  // Ghosts (removed nodes shown while comparing) live in the decoration store: their
  // measurements go there, everything else to the editor's store.
  const onChange = useCallback((changes: NodeChange<ProcessFlowNode>[]) => {
    if (ghosts.nodes.length === 0) return onNodesChange(changes);
    const ghostly = (c: NodeChange<ProcessFlowNode>) => 'id' in c && c.id.startsWith(GHOST_PREFIX);
    const own = changes.filter((c) => !ghostly(c));
    const theirs = changes.filter(ghostly);
    if (own.length) onNodesChange(own);
    if (theirs.length) decorations.setState((d) => ({ ghosts: { ...d.ghosts, nodes: applyNodeChanges(theirs, d.ghosts.nodes) } }));
  }, [ghosts, onNodesChange, decorations]);

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME) as NodeType;
      if (!type) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const size = nodeSize(type);
      onAdd(type, { x: at.x - size.width / 2, y: at.y - size.height / 2 });
    },
    [screenToFlowPosition, onAdd],
  );
  const measured = useNodesInitialized();
  useEffect(() => {
    if (measured) performance.mark('designer:nodes-measured');
  }, [measured]);
  const onInit = useCallback((rf: ReactFlowInstance<ProcessFlowNode, ProcessFlowEdge>) => {
    const pane = document.querySelector('.editor-canvas');
    openingView(rf, pane?.clientWidth ?? 800, pane?.clientHeight ?? 500);
  }, []);

  return (
    <div className="editor-canvas" style={{ flex: 1, minHeight: 0 }} onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<ProcessFlowNode, ProcessFlowEdge>
        nodes={shown}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        onNodesChange={onChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onInit={onInit}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        minZoom={0.1}
        ariaLabelConfig={FRENCH_ARIA}
        proOptions={{ hideAttribution: true }}
        aria-label="Diagramme du processus"
      >
        <Background gap={24} />
        <Controls />
        <PhaseLegend />
        <MiniMap pannable zoomable nodeStrokeWidth={3} style={{ width: 160, height: 100 }} />
      </ReactFlow>
    </div>
  );
}
