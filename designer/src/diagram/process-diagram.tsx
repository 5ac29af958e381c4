// The read-only process diagram (project page): the definition drawn with the editor's own
// conversion and node components, each step coloured by its progress in the project, with a
// legend. Nothing can be moved or connected; steps stay focusable for keyboard readers.
import '@xyflow/react/dist/style.css';
import './diagram.css';
import { Box, Group, Text } from '@mantine/core';
import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import type { Definition } from '../../../dsl/schema';
import { toGraph } from '../graph/convert';
import { layoutPositions } from '../graph/layout';
import { STATUS_COLORS, STATUS_LABELS } from './colors';
import { DecorationContext, createDecorationStore, legendOf, type NodeStatus } from './decorations';
import { FRENCH_ARIA } from './french-aria';
import { NODE_TYPES } from './process-node';
import { PhaseLegend } from './phase-legend';
import { presentEdges } from './present-edges';
import { EDGE_TYPES } from './process-edge';

export interface ProcessDiagramProps {
  document: Definition;
  /** Progress of each node in a project; nodes not listed are drawn plainly. */
  status?: Record<string, NodeStatus>;
  height?: number;
}

export function ProcessDiagram({ document, status = {}, height = 420 }: ProcessDiagramProps) {
  const [store] = useState(() => createDecorationStore());
  useEffect(() => store.setState({ ...legendOf(document), status }), [store, document, status]);
  const graph = useMemo(() => toGraph(document, layoutPositions), [document]);
  const edges = useMemo(() => {
    const labels = new Map(document.nodes.map((n) => [n.id, n.label || n.id]));
    return presentEdges(graph.edges, { problems: {}, diff: {}, path: {}, status, variables: document.variables, nodeLabel: (id) => labels.get(id) ?? id });
  }, [graph, document, status]);
  const hasStatus = Object.keys(status).length > 0;
  return (
    <Box>
      <Box h={height} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }} role="figure" aria-label={`Diagramme du processus « ${document.name} »`}>
        <DecorationContext.Provider value={store}>
          <ReactFlowProvider>
            <ReactFlow
              nodes={graph.nodes}
              edges={edges}
              nodeTypes={NODE_TYPES}
              edgeTypes={EDGE_TYPES}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              edgesFocusable={false}
              fitView
              minZoom={0.1}
              ariaLabelConfig={FRENCH_ARIA}
              proOptions={{ hideAttribution: true }}
            >
              <Background gap={24} />
              <Controls showInteractive={false} />
              <PhaseLegend />
            </ReactFlow>
          </ReactFlowProvider>
        </DecorationContext.Provider>
      </Box>
      {hasStatus && (
        <Group gap="md" mt="xs" className="diagram-legend" aria-label="Légende">
          {(Object.keys(STATUS_LABELS) as NodeStatus[]).map((s) => (
            <Text key={s} size="xs" component="span">
              <span className="diagram-legend-swatch" style={{ background: STATUS_COLORS[s] }} />
              {STATUS_LABELS[s]}
            </Text>
          ))}
        </Group>
      )}
    </Box>
  );
}
