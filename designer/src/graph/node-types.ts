// The language's node types as people see them: French names (palette, aria labels) and the
// fresh node each palette item creates. Pure; imports only dsl/.
import type { Definition, Node, NodeType } from '../../../dsl/schema';

export const NODE_TYPE_LABELS: Record<NodeType, string> = {
  start: 'Début',
  end: 'Fin',
  task: 'Tâche',
  timer: 'Minuterie',
  exclusive: 'Choix exclusif',
  parallel: 'Parallèle',
  notify: 'Notification',
  set: 'Affectation',
  subprocess: 'Sous-processus',
};

/** Palette order: what people draw most first. */
export const PALETTE_ORDER: NodeType[] = ['task', 'exclusive', 'parallel', 'timer', 'notify', 'set', 'subprocess', 'start', 'end'];

/** A new node of that type with the fields it requires filled with placeholders to change. */
export function newNode(type: NodeType, id: string, doc: Pick<Definition, 'roles'>): Node {
  const role = doc.roles[0]?.key ?? 'role';
  switch (type) {
    case 'task':
      return { id, type, label: 'Nouvelle tâche', assignee: role };
    case 'timer':
      return { id, type, label: 'Attendre', wait: 'P7D' };
    case 'notify':
      return { id, type, label: 'Prévenir', to: [role], subject: 'Information', body: 'Bonjour,' };
    case 'set':
      return { id, type, label: 'Affecter', assign: {} };
    case 'subprocess':
      return { id, type, label: 'Sous-processus', process: 'a-choisir' };
    case 'end':
      return { id, type, label: 'Fin' };
    case 'start':
      return { id, type, label: 'Début' };
    default:
      return { id, type, label: NODE_TYPE_LABELS[type] } as Node;
  }
}

/** Fresh ids: `<prefix><n>` with the first n not already taken. */
export function freshId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
