// A fast-check generator of structurally valid process definitions for the engine's
// property tests: a sequence of blocks (tasks with outcomes, loops back through tasks,
// exclusive gateways with a default, parallel split/join pairs, timers, notifications,
// assignments, subprocesses, terminating exits) between a start and an end.
import fc from 'fast-check';
import type { Condition, Definition, Edge, Node } from '../../dsl/schema';

type Leaf = { kind: 'task'; due: number; form: number } | { kind: 'timer'; wait: number } | { kind: 'until' } | { kind: 'subprocess' } | { kind: 'notify' };
type Block =
  | { kind: 'task'; outcomes: number; due: number; form: number; phase: number }
  | { kind: 'loop'; due: number; phase: number }
  | { kind: 'exclusive'; conditions: number[]; leaves: Leaf[] }
  | { kind: 'parallel'; branches: Leaf[][] }
  | { kind: 'leaf'; leaf: Leaf }
  | { kind: 'set'; literal: number }
  | { kind: 'terminate'; condition: number; abandoned: boolean };

const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc.record({ kind: fc.constant('task' as const), due: fc.nat(3), form: fc.nat(7) }),
  fc.record({ kind: fc.constant('timer' as const), wait: fc.nat(2) }),
  fc.constant({ kind: 'until' as const }),
  fc.constant({ kind: 'subprocess' as const }),
  fc.constant({ kind: 'notify' as const }),
);

const block: fc.Arbitrary<Block> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('task' as const), outcomes: fc.integer({ min: 1, max: 3 }), due: fc.nat(3), form: fc.nat(7), phase: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('loop' as const), due: fc.nat(3), phase: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('exclusive' as const), conditions: fc.array(fc.nat(5), { minLength: 1, maxLength: 2 }), leaves: fc.array(leaf, { minLength: 3, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('parallel' as const), branches: fc.array(fc.array(leaf, { minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('leaf' as const), leaf }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), literal: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terminate' as const), condition: fc.nat(5), abandoned: fc.boolean() }) },
);

export const blocks = fc.array(block, { minLength: 1, maxLength: 6 });

const DUES = [undefined, 'P2D', 'P10D', 'P1M'] as const;
const WAITS = ['PT6H', 'P1D', 'P1M'] as const;
const PHASES = [undefined, 'etude', 'montage'] as const;
const FORM_VARS = ['n', 'ok', 'note'] as const;

function condition(k: number): Condition {
  switch (k % 6) {
    case 0: return { var: 'n', op: '>', value: 5 };
    case 1: return { var: 'ok', op: '==', value: true };
    case 2: return { var: 'note', op: 'exists' };
    case 3: return { any: [{ var: 'n', op: '<=', value: 2 }, { var: 'ok', op: '!=', value: true }] };
    case 4: return { not: { var: 'n', op: 'in', value: [1, 2, 3] } };
    default: return { var: 'd', op: '<', value: '2027-06-01' };
  }
}

/** An edge still to be attached to the entry of the next block. */
type Exit = Omit<Edge, 'id' | 'to'>;

export function buildDefinition(parts: Block[]): Definition {
  const nodes: Node[] = [{ id: 'start', type: 'start' }];
  const edges: Edge[] = [];
  let count = 0;
  const id = (prefix: string) => `${prefix}${++count}`;
  const connect = (exits: Exit[], to: string) => {
    for (const exit of exits) edges.push({ id: id('e'), ...exit, to });
  };

  const task = (due: number, form: number, outcomes: string[], phase = 0): string => {
    const nodeId = id('task');
    const d = DUES[due % DUES.length];
    const fields = FORM_VARS.filter((_, i) => (form >> i) & 1).map((v, i) => ({ var: v, ...(i === 0 ? { required: true } : {}) }));
    nodes.push({
      id: nodeId,
      type: 'task',
      assignee: count % 2 === 0 ? 'equipe' : 'direction',
      ...(outcomes.length > 1 || count % 3 === 0 ? { outcomes } : {}),
      ...(fields.length > 0 ? { form: fields } : {}),
      ...(d ? { due: d, reminders: ['P1D', 'PT12H'], escalation: { after: 'P1D', to: ['direction'] } } : {}),
      ...(PHASES[phase % 3] ? { phase: PHASES[phase % 3] } : {}),
    });
    return nodeId;
  };

  /** Adds a leaf entered by `exits`; returns its own exits. */
  const addLeaf = (l: Leaf, exits: Exit[]): Exit[] => {
    let nodeId: string;
    switch (l.kind) {
      case 'task':
        nodeId = task(l.due, l.form, ['done']);
        break;
      case 'timer':
        nodeId = id('wait');
        nodes.push({ id: nodeId, type: 'timer', wait: WAITS[l.wait % WAITS.length] });
        break;
      case 'until':
        nodeId = id('until');
        nodes.push({ id: nodeId, type: 'timer', until: 'd' });
        break;
      case 'subprocess':
        nodeId = id('sub');
        nodes.push({ id: nodeId, type: 'subprocess', process: 'enfant', input: { x: 'n' }, output: { note: 'resultat' } });
        break;
      case 'notify':
        nodeId = id('mail');
        nodes.push({ id: nodeId, type: 'notify', to: ['equipe'], subject: 'Projet {{note}}', body: '{{n}} jeunes' });
        break;
    }
    connect(exits, nodeId);
    return [{ from: nodeId }];
  };

  let exits: Exit[] = [{ from: 'start' }];
  for (const b of parts) {
    switch (b.kind) {
      case 'task': {
        const outcomes = b.outcomes === 1 ? ['done'] : ['approved', 'rejected', 'done'].slice(0, b.outcomes);
        const t = task(b.due, b.form, outcomes, b.phase);
        connect(exits, t);
        exits = outcomes.length > 1 ? outcomes.map((outcome) => ({ from: t, outcome })) : [{ from: t }];
        break;
      }
      case 'loop': {
        const a = task(b.due, 1, ['done'], b.phase);
        connect(exits, a);
        const r = task(0, 2, ['ok', 'redo']);
        connect([{ from: a }], r);
        connect([{ from: r, outcome: 'redo' }], a);
        exits = [{ from: r, outcome: 'ok' }];
        break;
      }
      case 'exclusive': {
        const x = id('x');
        nodes.push({ id: x, type: 'exclusive' });
        connect(exits, x);
        const branchExits: Exit[] = [];
        b.conditions.forEach((c, i) => branchExits.push(...addLeaf(b.leaves[i], [{ from: x, when: condition(c) }])));
        branchExits.push(...addLeaf(b.leaves[2], [{ from: x, default: true }]));
        exits = branchExits;
        break;
      }
      case 'parallel': {
        const split = id('split');
        const join = id('join');
        // Several edges into a parallel gateway would make it a join: merge them first.
        if (exits.length > 1) exits = addLeaf({ kind: 'notify' }, exits);
        nodes.push({ id: split, type: 'parallel' });
        connect(exits, split);
        const joinExits: Exit[] = [];
        for (const branch of b.branches) {
          let branchExits: Exit[] = [{ from: split }];
          for (const l of branch) branchExits = addLeaf(l, branchExits);
          joinExits.push(...branchExits);
        }
        nodes.push({ id: join, type: 'parallel' });
        connect(joinExits, join);
        exits = [{ from: join }];
        break;
      }
      case 'leaf':
        exits = addLeaf(b.leaf, exits);
        break;
      case 'set': {
        const s = id('set');
        nodes.push({ id: s, type: 'set', assign: { n: b.literal, note: { var: 'note' }, ok: b.literal % 2 === 0 } });
        connect(exits, s);
        exits = [{ from: s }];
        break;
      }
      case 'terminate': {
        const x = id('x');
        const stop = id('stop');
        nodes.push({ id: x, type: 'exclusive' }, { id: stop, type: 'end', terminate: true, ...(b.abandoned ? { result: 'abandoned' as const } : {}) });
        connect(exits, x);
        connect([{ from: x, when: condition(b.condition) }], stop);
        exits = [{ from: x, default: true }];
        break;
      }
    }
  }
  nodes.push({ id: 'end', type: 'end' });
  connect(exits, 'end');
  return {
    format: 'passerelle.process/1',
    key: 'propriete',
    name: 'Définition générée',
    roles: [{ key: 'equipe', label: 'Équipe' }, { key: 'direction', label: 'Direction' }],
    phases: [{ key: 'etude', label: 'Étude' }, { key: 'montage', label: 'Montage' }],
    variables: [
      { name: 'n', type: 'integer', default: 1 },
      { name: 'ok', type: 'boolean' },
      { name: 'note', type: 'text' },
      { name: 'd', type: 'date' },
    ],
    nodes,
    edges,
  };
}

export const validDefinitions: fc.Arbitrary<Definition> = blocks.map(buildDefinition);
