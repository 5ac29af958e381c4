// Every node type of the language, to drag onto the canvas, or to add at the centre of the
// view with Enter (keyboard) or a click.
import { Stack, Text, UnstyledButton } from '@mantine/core';
import type { NodeType } from '../../../dsl/schema';
import { NODE_TYPE_LABELS, PALETTE_ORDER } from '../graph/node-types';

export const PALETTE_MIME = 'application/x-passerelle-node';

export function Palette({ onAdd }: { onAdd: (type: NodeType) => void }) {
  return (
    <Stack gap={4} p={6} component="nav" className="editor-palette" aria-label="Palette des étapes" style={{ width: 132, borderRight: '1px solid var(--mantine-color-gray-3)', overflowY: 'auto' }}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">Étapes</Text>
      {PALETTE_ORDER.map((type) => (
        <UnstyledButton
          key={type}
          className={`palette-item palette-${type}`}
          draggable
          aria-label={NODE_TYPE_LABELS[type]}
          title={`${NODE_TYPE_LABELS[type]} : glisser sur le diagramme, ou Entrée pour l’ajouter au centre`}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, type);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => onAdd(type)}
        >
          {NODE_TYPE_LABELS[type]}
        </UnstyledButton>
      ))}
    </Stack>
  );
}
