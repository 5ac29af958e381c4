// A fast-check generator of structurally valid process definitions for the engine's
// property tests: a sequence of blocks (tasks with outcomes, loops back through tasks,
// exclusive gateways with a default, parallel split/join pairs, timers, notifications,
// assignments, subprocesses, terminating exits) between a start and an end. `richBlocks`
// adds, for the simulator's properties, gateways over every variable type, two branches
// of a split that pass one gateway before their join (issue 12), loops through a timer
// whose `until` date may be unset, and `childDefinition` the child that subprocesses call.
import fc from 'fast-check';
import type { Condition, Definition, Edge, Node } from '../../dsl/schema';

type Leaf = { kind: 'task'; due: number; form: number } | { kind: 'timer'; wait: number } | { kind: 'until' } | { kind: 'subprocess' } | { kind: 'notify' };
type Block =
  | { kind: 'task'; outcomes: number; due: number; form: number; phase: number }
  | { kind: 'shared'; condition: number; lanes: Leaf[]; forms: number[] }
  | { kind: 'untilLoop'; condition: number }
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

const richBlock: fc.Arbitrary<Block> = fc.oneof(
  { weight: 10, arbitrary: block },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('shared' as const), condition: fc.nat(11), lanes: fc.array(leaf, { minLength: 2, maxLength: 2 }), forms: fc.array(fc.nat(7), { minLength: 2, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('untilLoop' as const), condition: fc.nat(11) }) },
);

/** Blocks for rich definitions: `buildDefinition(parts, { rich: true })`. */
export const richBlocks = fc.array(richBlock, { minLength: 1, maxLength: 6 });

const DUES = [undefined, 'P2D', 'P10D', 'P1M'] as const;
const WAITS = ['PT6H', 'P1D', 'P1M'] as const;
const PHASES = [undefined, 'etude', 'montage'] as const;
const FORM_VARS = ['n', 'ok', 'note'] as const;
const RICH_FORM_VARS = ['n', 'ok', 'note', 'd', 'montant', 'statut', 'contact', 'site', 'nom'] as const;

/** Conditions over `n`, `ok`, `note` and `d`; rich definitions also over the other types. */
function condition(k: number, rich = false): Condition {
  switch (k % (rich ? 12 : 6)) {
    case 0: return { var: 'n', op: '>', value: 5 };
    case 1: return { var: 'ok', op: '==', value: true };
    case 2: return { var: 'note', op: 'exists' };
    case 3: return { any: [{ var: 'n', op: '<=', value: 2 }, { var: 'ok', op: '!=', value: true }] };
    case 4: return { not: { var: 'n', op: 'in', value: [1, 2, 3] } };
    case 5: return { var: 'd', op: '<', value: '2027-06-01' };
    case 6: return { var: 'montant', op: '>=', value: 2.5 };
    case 7: return { var: 'statut', op: 'in', value: ['clos'] };
    case 8: return { var: 'contact', op: '==', value: 'contact@example.org' };
    case 9: return { var: 'site', op: '!=', value: 'https://example.org' };
    case 10: return { var: 'nom', op: 'contains', value: 'Lyon' };
    default: return { all: [{ var: 'note', op: 'contains', value: 'bien' }, { var: 'd', op: '>=', value: '2027-01-01' }] };
  }
}

export interface BuildOptions {
  /** Forms and gateways over every variable type. */
  rich?: boolean;
  /** Build the child that subprocesses call (`enfant`): it calls no child itself and
   * declares the variables their mappings name (`x` ← `n`, `note` ← `resultat`). */
  child?: boolean;
}

/** An edge still to be attached to the entry of the next block. */
type Exit = Omit<Edge, 'id' | 'to'>;

export function buildDefinition(parts: Block[], options: BuildOptions = {}): Definition {
  const rich = options.rich === true || options.child === true;
  const formVars: readonly string[] = options.child ? [...RICH_FORM_VARS, 'resultat'] : rich ? RICH_FORM_VARS : FORM_VARS;
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
    // The bits of `form` pick among three variables; in rich definitions the three move
    // along the list from task to task, so every type is filled somewhere.
    const offset = rich ? count % formVars.length : 0;
    const window = [0, 1, 2].map((i) => formVars[(offset + i) % formVars.length]);
    const fields = window.filter((_, i) => (form >> i) & 1).map((v, i) => ({ var: v, ...(i === 0 ? { required: true } : {}) }));
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
        // The child calls no child of its own: no circle of calls.
        if (options.child) return addLeaf({ kind: 'notify' }, exits);
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
        b.conditions.forEach((c, i) => branchExits.push(...addLeaf(b.leaves[i], [{ from: x, when: condition(c, rich) }])));
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
      case 'shared': {
        // split → a, b → one gateway → two lanes → join: filled when the two tokens pass
        // the gateway at different times and take different lanes.
        if (exits.length > 1) exits = addLeaf({ kind: 'notify' }, exits);
        const split = id('split');
        nodes.push({ id: split, type: 'parallel' });
        connect(exits, split);
        const a = task(0, b.forms[0], ['done']);
        const bTask = task(1, b.forms[1], ['done']);
        connect([{ from: split }], a);
        connect([{ from: split }], bTask);
        const gate = id('x');
        nodes.push({ id: gate, type: 'exclusive' });
        connect([{ from: a }, { from: bTask }], gate);
        const lane0 = addLeaf(b.lanes[0], [{ from: gate, when: condition(b.condition, rich) }]);
        const lane1 = addLeaf(b.lanes[1], [{ from: gate, default: true }]);
        const join = id('join');
        nodes.push({ id: join, type: 'parallel' });
        connect([...lane0, ...lane1], join);
        exits = [{ from: join }];
        break;
      }
      case 'untilLoop': {
        // A timer until `d` (fires at once when `d` is unset or past), round again while
        // the condition holds: a loop that never waits when nothing changes inside it.
        const wait = id('until');
        const mail = id('mail');
        const x = id('x');
        nodes.push(
          { id: wait, type: 'timer', until: 'd' },
          { id: mail, type: 'notify', to: ['equipe'], subject: 'Relance', body: 'Toujours en attente' },
          { id: x, type: 'exclusive' },
        );
        connect(exits, wait);
        connect([{ from: wait }], mail);
        connect([{ from: mail }], x);
        connect([{ from: x, when: condition(b.condition, rich) }], wait);
        exits = [{ from: x, default: true }];
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
        connect([{ from: x, when: condition(b.condition, rich) }], stop);
        exits = [{ from: x, default: true }];
        break;
      }
    }
  }
  nodes.push({ id: 'end', type: 'end' });
  connect(exits, 'end');
  return {
    format: 'passerelle.process/1',
    key: options.child ? 'enfant' : 'propriete',
    name: 'Définition générée',
    roles: [{ key: 'equipe', label: 'Équipe' }, { key: 'direction', label: 'Direction' }],
    phases: [{ key: 'etude', label: 'Étude' }, { key: 'montage', label: 'Montage' }],
    variables: [
      { name: 'n', type: 'integer', default: 1 },
      { name: 'ok', type: 'boolean' },
      { name: 'note', type: 'text' },
      { name: 'd', type: 'date' },
      ...(rich
        ? ([
            { name: 'montant', type: 'number' },
            { name: 'statut', type: 'enum', options: ['ouvert', 'clos'] },
            { name: 'contact', type: 'email' },
            { name: 'site', type: 'url' },
            { name: 'nom', type: 'string' },
          ] as const)
        : []),
      ...(options.child ? ([{ name: 'x', type: 'integer' }, { name: 'resultat', type: 'text' }] as const) : []),
    ] as Definition['variables'],
    nodes,
    edges,
  };
}

export const validDefinitions: fc.Arbitrary<Definition> = blocks.map((parts) => buildDefinition(parts));

/** A rich definition and the child its subprocesses call. */
export const richDefinitions: fc.Arbitrary<{ definition: Definition; child: Definition }> = fc
  .tuple(richBlocks, richBlocks)
  .map(([parts, childParts]) => ({ definition: buildDefinition(parts, { rich: true }), child: buildDefinition(childParts, { child: true }) }));
