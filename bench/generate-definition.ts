// Large, valid process definitions for benchmarks: a chain of ten-node blocks mixing every
// kind of node (tasks with a changes-requested loop, a parallel split and join, an
// exclusive gateway, notify, set and a timer), so graph checks and the engine meet realistic
// shapes at scale.
import type { Definition, Edge, Node } from '../dsl/schema';

export const NODES_PER_BLOCK = 10;

export function generateDefinition(targetNodes: number): Definition {
  const blocks = Math.max(1, Math.round((targetNodes - 2) / NODES_PER_BLOCK));
  const nodes: Node[] = [{ id: 'start', type: 'start', label: 'Début' }];
  const edges: Edge[] = [];
  let edgeCount = 0;
  const link = (from: string, to: string, extra: Partial<Edge> = {}) =>
    edges.push({ id: `e${++edgeCount}`, from, to, ...extra });
  for (let b = 0; b < blocks; b++) {
    const id = (name: string) => `${name}${b}`;
    const next = b === blocks - 1 ? 'end' : `a${b + 1}`;
    nodes.push(
      { id: id('a'), type: 'task', label: `Dossier ${b}`, assignee: 'association', due: 'P10D', reminders: ['P2D'], form: [{ var: 'score', label: 'Score' }] },
      { id: id('split'), type: 'parallel' },
      { id: id('b'), type: 'task', label: `Locaux ${b}`, assignee: 'association', due: 'P5D' },
      { id: id('c'), type: 'task', label: `Budget ${b}`, assignee: 'association', due: 'P7D', escalation: { after: 'P3D', to: ['federation'] } },
      { id: id('join'), type: 'parallel' },
      { id: id('d'), type: 'task', label: `Revue ${b}`, assignee: 'federation', outcomes: ['approved', 'changes_requested'], due: 'P14D' },
      { id: id('x'), type: 'exclusive' },
      { id: id('n'), type: 'notify', to: ['association'], subject: 'Étape {{etape}} validée', body: 'Score : {{score}}' },
      { id: id('s'), type: 'set', assign: { etape: b } },
      { id: id('t'), type: 'timer', wait: 'P1D' },
    );
    if (b === 0) link('start', id('a'));
    link(id('a'), id('split'));
    link(id('split'), id('b'));
    link(id('split'), id('c'));
    link(id('b'), id('join'));
    link(id('c'), id('join'));
    link(id('join'), id('d'));
    link(id('d'), id('x'), { outcome: 'approved' });
    link(id('d'), id('a'), { outcome: 'changes_requested' });
    link(id('x'), id('n'), { when: { var: 'score', op: '>=', value: 5 } });
    link(id('x'), id('t'), { default: true });
    link(id('n'), id('s'));
    link(id('s'), next);
    link(id('t'), next);
  }
  nodes.push({ id: 'end', type: 'end', label: 'Fin' });
  return {
    format: 'passerelle.process/1',
    key: `bench-${blocks * NODES_PER_BLOCK + 2}`,
    name: `Processus de ${blocks * NODES_PER_BLOCK + 2} étapes`,
    roles: [
      { key: 'association', label: 'Association' },
      { key: 'federation', label: 'Fédération' },
    ],
    variables: [
      { name: 'score', type: 'integer', label: 'Score', default: 7 },
      { name: 'etape', type: 'integer', label: 'Étape' },
    ],
    nodes,
    edges,
  };
}

/** A straight line of `tasks` tasks for one role (`association`), each with one outcome: the
 * end-to-end bench's project, whose only cost is the durable path itself. */
export function generateChain(tasks: number): Definition {
  const nodes: Node[] = [{ id: 'start', type: 'start', label: 'Début' }];
  const edges: Edge[] = [];
  let previous = 'start';
  for (let i = 1; i <= tasks; i++) {
    nodes.push({ id: `t${i}`, type: 'task', label: `Étape ${i}`, assignee: 'association', outcomes: ['done'] });
    edges.push({ id: `e${i}`, from: previous, to: `t${i}` });
    previous = `t${i}`;
  }
  nodes.push({ id: 'end', type: 'end', label: 'Fin' });
  edges.push({ id: `e${tasks + 1}`, from: previous, to: 'end' });
  return {
    format: 'passerelle.process/1',
    key: `bench-chain-${tasks}`,
    name: `Chaîne de ${tasks} tâches`,
    roles: [{ key: 'association', label: 'Association' }],
    nodes,
    edges,
  };
}
