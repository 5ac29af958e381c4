// The panel for what is selected: a node's or an edge's properties, or, with nothing
// selected, the process itself. It focuses the field a problem points at.
import { ScrollArea, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Edge, Node } from '../../../dsl/schema';
import { updateEdge, updateNode } from '../graph/edit';
import { DocumentPanel } from './document-panel';
import { EdgeProperties } from './edge-properties';
import { NodeProperties } from './node-properties';
import { useEditor } from './store';

export function PropertiesPanel() {
  const doc = useEditor((s) => s.doc);
  const commit = useEditor((s) => s.commit);
  // Strings, not fresh arrays: a selector must return a stable value or React loops.
  const selectedNode = useEditor((s) => s.nodes.filter((n) => n.selected).map((n) => n.id).join('\n')).split('\n').filter(Boolean).map((id) => ({ id }));
  const selectedEdge = useEditor((s) => s.edges.filter((e) => e.selected).map((e) => e.id).join('\n')).split('\n').filter(Boolean).map((id) => ({ id }));
  const focus = useEditor((s) => s.focus);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focus) return;
    const t = setTimeout(() => {
      const el = (focus.field && box.current?.querySelector<HTMLElement>(`[data-field="${focus.field}"]`)) || box.current?.querySelector<HTMLElement>('input, textarea');
      el?.focus();
    }, 50);
    return () => clearTimeout(t);
  }, [focus]);
  const node = selectedNode.length === 1 ? doc.nodes.find((n) => n.id === selectedNode[0].id) : undefined;
  const edge = !node && selectedEdge.length === 1 ? doc.edges.find((e) => e.id === selectedEdge[0].id) : undefined;
  return (
    <ScrollArea h="100%" type="auto">
      <div ref={box} style={{ padding: 10 }} aria-label="Propriétés" role="region">
        {node && (
          <NodeProperties
            key={node.id}
            node={node}
            doc={doc}
            change={(patch) => commit(updateNode(doc, node.id, (n) => (typeof patch === 'function' ? (patch as (n: Node) => Node)(n) : ({ ...n, ...patch } as Node))))}
          />
        )}
        {edge && <EdgeProperties key={edge.id} edge={edge} doc={doc} change={(f: (e: Edge) => Edge) => commit(updateEdge(doc, edge.id, f))} />}
        {!node && !edge && selectedNode.length + selectedEdge.length > 1 && <Text size="xs" c="dimmed">{selectedNode.length + selectedEdge.length} éléments sélectionnés (Suppr pour les retirer, Ctrl+D pour les dupliquer).</Text>}
        {!node && !edge && selectedNode.length + selectedEdge.length === 0 && <DocumentPanel />}
      </div>
    </ScrollArea>
  );
}
