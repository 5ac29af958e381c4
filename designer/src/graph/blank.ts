// The document a new process starts from: a start, one task and an end, already connected.
import type { Definition } from '../../../dsl/schema';

export function blankDefinition(key: string, name: string): Definition {
  return {
    format: 'passerelle.process/1',
    key,
    name,
    roles: [{ key: 'federation', label: 'Fédération' }],
    nodes: [
      { id: 'debut', type: 'start', label: 'Début', position: { x: 40, y: 120 } },
      { id: 'tache1', type: 'task', label: 'Première tâche', assignee: 'federation', position: { x: 240, y: 104 } },
      { id: 'fin', type: 'end', label: 'Fin', position: { x: 520, y: 120 } },
    ],
    edges: [
      { id: 'e1', from: 'debut', to: 'tache1' },
      { id: 'e2', from: 'tache1', to: 'fin' },
    ],
  };
}
