// The one builder of process documents for tests. Every document comes from `definition()`;
// the node and edge helpers fill in what a test does not care about. Two sets of defaults:
// `definition()` declares the roles `equipe` and `direction` (the engine and simulator tests
// name them in their nodes); `minimalDefinition()` and the shapes built on it (`flow`,
// `linear`, `withVariables`, `gated`, `largeDefinition`) declare one role, `agent`, which
// `task()` and `notify()` assume. Builders return fresh objects, so a test may mutate them.
import { FORMAT, type Definition, type Edge, type Node, type TaskNode, type Variable } from '../../dsl/schema';

type EdgeSpec = Omit<Edge, 'id'> & { id?: string };

/** A document with the given nodes and edges; edges without an id are numbered e1, e2… */
export function definition(parts: {
  key?: string;
  nodes: Node[];
  edges: EdgeSpec[];
  variables?: Variable[];
  phases?: string[];
  roles?: string[];
}): Definition {
  return {
    format: FORMAT,
    key: parts.key ?? 'demande-simple',
    name: 'Demande simple',
    roles: (parts.roles ?? ['equipe', 'direction']).map((key) => ({ key, label: key })),
    ...(parts.phases ? { phases: parts.phases.map((key) => ({ key, label: key })) } : {}),
    ...(parts.variables ? { variables: parts.variables } : {}),
    nodes: parts.nodes,
    edges: parts.edges.map((e, i) => ({ id: e.id ?? `e${i + 1}`, ...e })),
  };
}

/** The smallest valid process: start → review (a task of `agent`) → end. */
export function minimalDefinition(): Definition {
  return flow([start(), task('review', { label: 'Revue' }), end()], [edge('start', 'review'), edge('review', 'end')]);
}

/** A document of one role, `agent`, with the given nodes and edges; `extra` overrides any field. */
export function flow(nodes: Node[], edges: Edge[], extra: Partial<Definition> = {}): Definition {
  return { ...definition({ nodes, edges, roles: ['agent'] }), ...extra };
}

/** start → nodes → end, by single edges, in a `flow`. */
export function linear(nodes: Node[], extra: Partial<Definition> = {}): Definition {
  const all = [start(), ...nodes, end()];
  return flow(all, path(...all.map((n) => n.id)).map((e) => edge(e.from, e.to)), extra);
}

/** The `linear` document through nodes, with one variable of each type declared (named after it). */
export function withVariables(nodes: Definition['nodes'], extra: Partial<Definition> = {}): Definition {
  return linear(nodes, {
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

/** submit → review, which loops back on `changes_requested`; `review` takes extra fields. */
export function reviewLoop(review: Partial<TaskNode> = {}): Definition {
  return definition({
    nodes: [
      start(),
      task('submit', { assignee: 'equipe' }),
      task('review', { assignee: 'direction', outcomes: ['approved', 'changes_requested'], ...review }),
      end(),
    ],
    edges: [
      ...path('start', 'submit', 'review'),
      { from: 'review', to: 'end', outcome: 'approved' },
      { from: 'review', to: 'submit', outcome: 'changes_requested' },
    ],
  });
}

/**
 * start → a → info → b → …then → end, all of role `agent`: tasks "Étape A" and "Étape B" with a
 * notice between them (info tells `agent` that A is done), then the tasks `then` in a line. The
 * project the fault, outage and soak tests push through trouble; `a` and `b` take extra
 * fields, and each outcome of `b` leads on.
 */
export function twoStepsWithNotice(parts: {
  key: string;
  name: string;
  a?: Partial<TaskNode>;
  b?: Partial<TaskNode>;
  then?: Node[];
  variables?: Variable[];
}): Definition {
  const b = task('b', { label: 'Étape B', ...parts.b });
  const after = [...(parts.then ?? []), end()];
  return flow(
    [start(), task('a', { label: 'Étape A', ...parts.a }), notify('info', { subject: 'Étape A faite', body: "L'étape A est faite." }), b, ...after],
    [
      edge('start', 'a'),
      edge('a', 'info'),
      edge('info', 'b'),
      ...(parts.b?.outcomes ?? [undefined]).map((outcome) => edge('b', after[0].id, outcome ? { id: `b-${outcome}`, outcome } : {})),
      ...path(...after.map((n) => n.id)).map((e) => edge(e.from, e.to)),
    ],
    { key: parts.key, name: parts.name, ...(parts.variables ? { variables: parts.variables } : {}) },
  );
}

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

/** `a → b → c` as edges without ids or outcomes (for `definition()`, which numbers them). */
export function path(...ids: string[]): EdgeSpec[] {
  return ids.slice(1).map((to, i) => ({ from: ids[i], to }));
}
