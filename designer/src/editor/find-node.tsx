// Find a node by name (Ctrl+F): choosing it selects it and centres the view on it.
import { Select } from '@mantine/core';
import { useReactFlow } from '@xyflow/react';
import { forwardRef } from 'react';
import { nodeSize } from '../graph/layout';
import { useEditor } from './store';

export const FindNode = forwardRef<HTMLInputElement>(function FindNode(_props, ref) {
  const nodes = useEditor((s) => s.doc.nodes);
  const select = useEditor((s) => s.select);
  const { setCenter } = useReactFlow();
  return (
    <Select
      ref={ref}
      size="xs"
      w={170}
      className="tb-find"
      searchable
      clearable
      placeholder="Rechercher une étape (Ctrl+F)"
      aria-label="Rechercher une étape"
      value={null}
      data={nodes.map((n) => ({ value: n.id, label: n.label ? `${n.label} (${n.id})` : n.id }))}
      onChange={(id) => {
        const n = nodes.find((x) => x.id === id);
        if (!n?.position) return;
        select('node', [n.id]);
        const size = nodeSize(n.type);
        setCenter(n.position.x + size.width / 2, n.position.y + size.height / 2, { zoom: 1, duration: 300 });
      }}
    />
  );
});
