// Small process documents for dsl tests. Builders return fresh objects, so a test can
// mutate what it gets. `minimalDefinition()` is the smallest valid process:
// start → review (a task) → end, with one role.
import type { ValidationResult } from '../../dsl/problems';
import { FORMAT, type Definition, type Edge, type Node } from '../../dsl/schema';

export function minimalDefinition(): Definition {
  return {
    format: FORMAT,
    key: 'demande-simple',
    name: 'Demande simple',
    roles: [{ key: 'agent', label: 'Agent' }],
    nodes: [start(), task('review', { label: 'Revue' }), end()],
    edges: [edge('start', 'review'), edge('review', 'end')],
  };
}

/** A definition with the given nodes and edges and one role, `agent`. */
export function flow(nodes: Node[], edges: Edge[], extra: Partial<Definition> = {}): Definition {
  return { ...minimalDefinition(), nodes, edges, ...extra };
}

export const start = (id = 'start'): Node => ({ id, type: 'start' });
export const end = (id = 'end', extra: Partial<Extract<Node, { type: 'end' }>> = {}): Node => ({ id, type: 'end', ...extra });
export const task = (id: string, extra: Partial<Extract<Node, { type: 'task' }>> = {}): Node => ({
  id,
  type: 'task',
  assignee: 'agent',
  ...extra,
});
export const exclusive = (id: string): Node => ({ id, type: 'exclusive' });
export const parallel = (id: string): Node => ({ id, type: 'parallel' });
export const timer = (id: string, extra: Partial<Extract<Node, { type: 'timer' }>> = { wait: 'P1D' }): Node => ({
  id,
  type: 'timer',
  ...extra,
});
export const notify = (id: string, extra: Partial<Extract<Node, { type: 'notify' }>> = {}): Node => ({
  id,
  type: 'notify',
  to: ['agent'],
  subject: 'Information',
  body: 'Une étape est passée.',
  ...extra,
});
export const set = (id: string, assign: Extract<Node, { type: 'set' }>['assign']): Node => ({ id, type: 'set', assign });

/** An edge whose id is `from-to` unless `extra.id` says otherwise. */
export const edge = (from: string, to: string, extra: Partial<Edge> = {}): Edge => ({ id: `${from}-${to}`, from, to, ...extra });

/** A conditional edge and a default edge, for exclusive gateways. */
export const branch = (from: string, to: string, when: Edge['when']): Edge => edge(from, to, { when });
export const otherwise = (from: string, to: string): Edge => edge(from, to, { default: true });

/** A definition made of a list of ids chained start → … → end by single edges. */
export function chain(nodes: Node[], extra: Partial<Definition> = {}): Definition {
  const all = [start(), ...nodes, end()];
  const edges = all.slice(1).map((n, k) => edge(all[k].id, n.id));
  return flow(all, edges, extra);
}

/** The chain start → nodes → end, with one variable of each type declared (named after it). */
export function withVariables(nodes: Definition['nodes'], extra: Partial<Definition> = {}): Definition {
  return chain(nodes, {
    variables: [
      { name: 'nom', type: 'string' },
      { name: 'notes', type: 'text' },
      { name: 'nb', type: 'integer' },
      { name: 'montant', type: 'number' },
      { name: 'ok', type: 'boolean' },
      { name: 'limite', type: 'date' },
      { name: 'contact', type: 'email' },
      { name: 'site', type: 'url' },
      { name: 'statut', type: 'enum', options: ['ouvert', 'clos'] },
    ],
    ...extra,
  });
}

/** start → gate, gate → end when `condition`, default → end2. */
export function gated(condition: unknown, variables: Definition['variables']): Definition {
  return flow(
    [start(), exclusive('gate'), end(), end('end2')],
    [edge('start', 'gate'), branch('gate', 'end', condition as Edge['when']), otherwise('gate', 'end2')],
    { variables },
  );
}

export const codes = (r: ValidationResult): string[] => r.errors.map((p) => p.code);

/** Problems as `code path`, the shortest faithful way to compare them in assertions. */
export const found = (problems: ValidationResult['errors']): string[] => problems.map((p) => `${p.code} ${p.path}`);

/**
 * A valid definition of about `size` nodes: blocks of a two-outcome review looping back
 * through rework, a parallel split and join, an exclusive gateway, a notify and a set.
 */
export function largeDefinition(size: number): Definition {
  const nodes: Node[] = [start()];
  const edges: Edge[] = [];
  const blocks = Math.max(1, Math.floor((size - 2) / 9));
  for (let b = 0; b < blocks; b++) {
    const id = (name: string) => `${name}${b}`;
    const next = b === blocks - 1 ? 'end' : `review${b + 1}`;
    nodes.push(
      task(id('review'), { label: `Revue ${b}`, outcomes: ['approved', 'changes_requested'], due: 'P10D', reminders: ['P2D'] }),
      task(id('rework'), { form: [{ var: 'score' }] }),
      parallel(id('split')),
      task(id('a')),
      timer(id('wait')),
      parallel(id('join')),
      exclusive(id('x')),
      notify(id('n'), { body: 'Score : {{score}}' }),
      set(id('s'), { score: 0 }),
    );
    if (b === 0) edges.push(edge('start', id('review')));
    edges.push(
      edge(id('review'), id('split'), { outcome: 'approved' }),
      edge(id('review'), id('rework'), { outcome: 'changes_requested' }),
      edge(id('rework'), id('review')),
      edge(id('split'), id('a')),
      edge(id('split'), id('wait')),
      edge(id('a'), id('join')),
      edge(id('wait'), id('join')),
      edge(id('join'), id('x')),
      branch(id('x'), id('n'), { var: 'score', op: '>', value: 5 }),
      otherwise(id('x'), id('s')),
      edge(id('n'), next),
      edge(id('s'), next),
    );
  }
  nodes.push(end());
  return flow(nodes, edges, { variables: [{ name: 'score', type: 'integer' }] });
}
