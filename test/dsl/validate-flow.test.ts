import { describe, expect, it } from 'vitest';
import { simulate } from '../../dsl/simulator';
import { checkSubprocesses, validate } from '../../dsl/validate';
import {
  branch,
  edge,
  end,
  exclusive,
  flow,
  linear,
  minimalDefinition,
  notify,
  otherwise,
  parallel,
  set,
  start,
  task,
  timer,
  withVariables,
} from '../support/definitions';
import { found, T0 } from './fixtures';
import { joinFilledScript, joinFilledThroughOneGateway } from './issue-12-documents';
import type { Definition } from '../../dsl/schema';

const errorsOf = (doc: unknown) => found(validate(doc).errors);
const OK = { var: 'ok', op: '==', value: true } as const;
const okVar: Definition['variables'] = [{ name: 'ok', type: 'boolean' }];

describe('validate: start and end', () => {
  it('reports a document without a start', () => {
    const doc = flow([task('a'), end()], [edge('a', 'end')]);
    expect(errorsOf(doc)).toEqual(['start_count /nodes']);
  });

  it('reports a second start at that node', () => {
    const doc = flow([start(), start('again'), task('a'), end()], [edge('start', 'a'), edge('again', 'a'), edge('a', 'end')]);
    expect(errorsOf(doc)).toEqual(['start_count /nodes/1']);
  });

  it('reports a document without an end', () => {
    const doc = flow([start(), task('a', { outcomes: ['again'] })], [edge('start', 'a'), edge('a', 'a')]);
    expect(errorsOf(doc)).toEqual(['no_end /nodes']);
  });
});

describe('validate: edges per node (edge_count)', () => {
  it('reports a start with an incoming edge or with two outgoing edges', () => {
    const incoming = flow([start(), task('a'), end()], [edge('start', 'a'), edge('a', 'start')]);
    expect(errorsOf(incoming)).toContain('edge_count /nodes/0');
    const two = flow(
      [start(), task('a'), task('b'), end()],
      [edge('start', 'a'), edge('start', 'b'), edge('a', 'end'), edge('b', 'end')],
    );
    expect(errorsOf(two)).toEqual(['edge_count /nodes/0']);
  });

  it('reports an end with an outgoing edge', () => {
    const doc = flow([start(), end(), task('a')], [edge('start', 'end'), edge('end', 'a'), edge('a', 'end')]);
    expect(errorsOf(doc)).toEqual(['edge_count /nodes/1']);
  });

  it('reports a timer, notify, set or subprocess without exactly one outgoing edge', () => {
    const doc = flow(
      [start(), timer('t'), notify('n'), set('s', {}), { id: 'c', type: 'subprocess', process: 'enfant' }, end()],
      [edge('start', 't'), edge('t', 'n'), edge('t', 'end'), edge('n', 's'), edge('n', 'end'), edge('s', 'c'), edge('s', 'end'), edge('c', 'end'), edge('c', 'c', { id: 'again' })],
    );
    expect(errorsOf(doc)).toEqual(['edge_count /nodes/1', 'edge_count /nodes/2', 'edge_count /nodes/3', 'edge_count /nodes/4']);
  });

  it('reports a parallel gateway with one incoming and one outgoing edge', () => {
    expect(errorsOf(linear([parallel('p')]))).toEqual(['edge_count /nodes/1']);
  });

  it('reports a parallel gateway with no outgoing edge', () => {
    const doc = flow([start(), parallel('p'), end()], [edge('start', 'p')]);
    expect(errorsOf(doc)).toContain('edge_count /nodes/1');
  });

  it('accepts a parallel gateway that both joins and splits', () => {
    const doc = flow(
      [start(), parallel('split'), task('a'), task('b'), parallel('both'), task('c'), task('d'), parallel('join'), end()],
      [
        edge('start', 'split'), edge('split', 'a'), edge('split', 'b'), edge('a', 'both'), edge('b', 'both'),
        edge('both', 'c'), edge('both', 'd'), edge('c', 'join'), edge('d', 'join'), edge('join', 'end'),
      ],
    );
    expect(errorsOf(doc)).toEqual([]);
  });
});

describe('validate: task outcomes (outcome_edges)', () => {
  const approval = () => task('review', { outcomes: ['approved', 'rejected'] });

  it('reports a task with no outgoing edge', () => {
    const doc = flow([start(), task('a'), end()], [edge('start', 'a')]);
    expect(errorsOf(doc)).toContain('outcome_edges /nodes/1');
  });

  it('reports a one-outcome task with two outgoing edges, or an edge naming another outcome', () => {
    const two = flow([start(), task('a'), end(), end('end2')], [edge('start', 'a'), edge('a', 'end'), edge('a', 'end2')]);
    expect(errorsOf(two)).toEqual(['outcome_edges /nodes/1']);
    const named = linear([task('a')]);
    named.edges[1].outcome = 'approved';
    expect(errorsOf(named)).toEqual(['outcome_edges /nodes/1']);
    const right = linear([task('a')]);
    right.edges[1].outcome = 'done';
    expect(errorsOf(right)).toEqual([]);
  });

  it('reports an outcome without an edge, an edge without an outcome and a second edge for an outcome', () => {
    const missing = flow([start(), approval(), end()], [edge('start', 'review'), edge('review', 'end', { outcome: 'approved' })]);
    expect(errorsOf(missing)).toEqual(['outcome_edges /nodes/1']);
    const unnamed = flow(
      [start(), approval(), end()],
      [edge('start', 'review'), edge('review', 'end', { outcome: 'approved' }), edge('review', 'end', { id: 'x', outcome: 'rejected' }), edge('review', 'end', { id: 'y' })],
    );
    expect(errorsOf(unnamed)).toEqual(['outcome_edges /nodes/1']);
    const twice = flow(
      [start(), approval(), end()],
      [edge('start', 'review'), edge('review', 'end', { outcome: 'approved' }), edge('review', 'end', { id: 'x', outcome: 'rejected' }), edge('review', 'end', { id: 'y', outcome: 'rejected' }), edge('review', 'end', { id: 'z', outcome: 'maybe' })],
    );
    expect(validate(twice).errors.map((p) => `${p.code} ${p.path} ${p.message}`)).toEqual([
      "outcome_edges /nodes/1 L’étape « review » a déjà une transition pour l’issue « rejected » avant la transition « y »",
      "outcome_edges /nodes/1 L’étape « review » n’a pas d’issue « maybe », que nomme la transition « z »",
    ]);
  });
});

describe('validate: exclusive gateways (gateway_edges)', () => {
  const gate = (edges: Definition['edges']) =>
    flow(
      [start(), exclusive('gate'), end(), end('end2'), ...(edges.length > 2 ? [end('end3')] : [])],
      [edge('start', 'gate'), ...edges],
      { variables: okVar },
    );

  it('accepts conditions tried in order with one default', () => {
    expect(errorsOf(gate([branch('gate', 'end', OK), otherwise('gate', 'end2')]))).toEqual([]);
  });

  it('reports a gateway with fewer than two outgoing edges', () => {
    expect(errorsOf(gate([otherwise('gate', 'end')]))).toContain('gateway_edges /nodes/1');
  });

  it('reports a missing default and a second default', () => {
    expect(errorsOf(gate([branch('gate', 'end', OK), branch('gate', 'end2', OK)]))).toEqual(['gateway_edges /nodes/1']);
    expect(errorsOf(gate([branch('gate', 'end', OK), otherwise('gate', 'end2'), otherwise('gate', 'end3')]))).toEqual(['gateway_edges /nodes/1']);
  });

  it('reports an edge with neither condition nor default, and a default with a condition', () => {
    expect(errorsOf(gate([edge('gate', 'end'), otherwise('gate', 'end2')]))).toEqual(['gateway_edges /nodes/1']);
    expect(errorsOf(gate([branch('gate', 'end', OK), edge('gate', 'end2', { default: true, when: OK })]))).toEqual(['gateway_edges /nodes/1']);
  });
});

describe('validate: reachability', () => {
  it('reports a node that cannot be reached from the start', () => {
    const doc = minimalDefinition();
    doc.nodes.push(task('orphan'));
    doc.edges.push(edge('orphan', 'end'));
    expect(errorsOf(doc)).toEqual(['unreachable /nodes/3']);
  });

  it('reports every node of a loop with no way out as a dead end', () => {
    const doc = flow(
      [start(), exclusive('gate'), task('a', { label: 'Revue' }), task('b'), end()],
      [edge('start', 'gate'), branch('gate', 'end', OK), otherwise('gate', 'a'), edge('a', 'b'), edge('b', 'a')],
      { variables: okVar },
    );
    const result = validate(doc);
    expect(found(result.errors)).toEqual(['dead_end /nodes/2', 'dead_end /nodes/3']);
    expect(result.errors[0].message).toBe("L’étape « Revue » n’a pas de chemin vers une fin");
  });

  it('accepts a loop back for changes requested', () => {
    const doc = flow(
      [start(), task('submit'), task('review', { outcomes: ['approved', 'changes_requested'] }), end()],
      [edge('start', 'submit'), edge('submit', 'review'), edge('review', 'end', { outcome: 'approved' }), edge('review', 'submit', { outcome: 'changes_requested' })],
    );
    expect(errorsOf(doc)).toEqual([]);
  });

  it('reports an edge to or from a missing node without a cascade of graph problems', () => {
    const doc = linear([task('a'), timer('t')]);
    doc.edges[2].to = 'fin';
    doc.edges.push(edge('ailleurs', 'end'));
    expect(errorsOf(doc)).toEqual(['unknown_node /edges/2/to', 'unknown_node /edges/3/from']);
  });
});

describe('validate: cycles that never wait (automatic_cycle)', () => {
  it('reports a loop through gateways, notifications and assignments only', () => {
    const doc = flow(
      [start(), exclusive('gate'), set('bump', { ok: false }), notify('tell'), end()],
      [edge('start', 'gate'), branch('gate', 'end', OK), otherwise('gate', 'bump'), edge('bump', 'tell'), edge('tell', 'gate')],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual(['automatic_cycle /nodes/1']);
  });

  it('accepts the same loop when a timer waits in it', () => {
    const doc = flow(
      [start(), exclusive('gate'), timer('pause'), end()],
      [edge('start', 'gate'), branch('gate', 'end', OK), otherwise('gate', 'pause'), edge('pause', 'gate')],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual([]);
  });
});

describe('validate: parallel joins (join_deadlock)', () => {
  const diamond = (fork: Definition['nodes'][number], edges: (from: string) => Definition['edges']) =>
    flow(
      [start(), fork, task('a'), task('b'), parallel('join'), end()],
      [edge('start', fork.id), ...edges(fork.id), edge('a', 'join'), edge('b', 'join'), edge('join', 'end')],
      { variables: okVar },
    );

  it('accepts a join fed by the branches of a split', () => {
    expect(errorsOf(diamond(parallel('split'), (f) => [edge(f, 'a'), edge(f, 'b')]))).toEqual([]);
  });

  it('reports a join fed by the alternative branches of an exclusive gateway', () => {
    const doc = diamond(exclusive('gate'), (f) => [branch(f, 'a', OK), otherwise(f, 'b')]);
    expect(errorsOf(doc)).toEqual(['join_deadlock /nodes/4']);
  });

  it('reports a join fed by two outcomes of one task', () => {
    const doc = diamond(task('choose', { outcomes: ['left', 'right'] }), (f) => [
      edge(f, 'a', { outcome: 'left' }),
      edge(f, 'b', { outcome: 'right' }),
    ]);
    expect(errorsOf(doc)).toEqual(['join_deadlock /nodes/4']);
  });

  it('reports a join when a choice inside one branch of a split feeds it twice', () => {
    const doc = flow(
      [start(), parallel('split'), exclusive('gate'), task('a'), task('b'), task('c'), parallel('join'), end()],
      [
        edge('start', 'split'), edge('split', 'gate'), edge('split', 'c'),
        branch('gate', 'a', OK), otherwise('gate', 'b'),
        edge('a', 'join'), edge('b', 'join'), edge('c', 'join'), edge('join', 'end'),
      ],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual(['join_deadlock /nodes/6']);
  });

  it('accepts a choice inside a branch that merges again before the join', () => {
    const doc = flow(
      [start(), parallel('split'), exclusive('gate'), task('a'), task('b'), task('merge'), task('c'), parallel('join'), end()],
      [
        edge('start', 'split'), edge('split', 'gate'), edge('split', 'c'),
        branch('gate', 'a', OK), otherwise('gate', 'b'), edge('a', 'merge'), edge('b', 'merge'),
        edge('merge', 'join'), edge('c', 'join'), edge('join', 'end'),
      ],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual([]);
  });

  it('reports a loop that comes back into the join itself', () => {
    const doc = flow(
      [start(), parallel('split'), task('a'), task('b'), parallel('join'), task('check'), exclusive('gate'), end()],
      [
        edge('start', 'split'), edge('split', 'a'), edge('split', 'b'), edge('a', 'join'), edge('b', 'join'),
        edge('join', 'check'), edge('check', 'gate'), branch('gate', 'end', OK), otherwise('gate', 'join'),
      ],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual(['join_deadlock /nodes/4']);
  });

  it('accepts a join inside a loop that goes back before the split', () => {
    const doc = flow(
      [start(), task('prepare'), parallel('split'), task('a'), task('b'), parallel('join'), exclusive('gate'), end()],
      [
        edge('start', 'prepare'), edge('prepare', 'split'), edge('split', 'a'), edge('split', 'b'), edge('a', 'join'),
        edge('b', 'join'), edge('join', 'gate'), branch('gate', 'end', OK), otherwise('gate', 'prepare'),
      ],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual([]);
  });

  it('accepts a join that two branches of a split fill by passing one gateway at different times (issue 12)', () => {
    const doc = joinFilledThroughOneGateway();
    expect(validate(doc).errors).toEqual([]);
    const run = simulate({ definition: doc, script: joinFilledScript, start: T0 });
    expect(run.result).toBe('completed');
    expect(run.events.filter((e) => e.type === 'task_completed').map((e) => e.node)).toEqual(['b', 'n', 'a', 'y']);
  });

  it('still reports such a join when one token alone reaches the gateway', () => {
    const doc = joinFilledThroughOneGateway();
    // Without the split, one token passes the gateway once: it takes y or n, never both.
    doc.nodes = doc.nodes.filter((n) => n.id !== 'b').map((n) => (n.id === 'p' ? { id: 'p', type: 'notify', to: ['r'], subject: 's', body: 'b' } : n));
    doc.edges = doc.edges.filter((e) => e.id !== 'e2' && e.id !== 'e4');
    expect(errorsOf(doc)).toEqual(['join_deadlock /nodes/6']);
  });

  it('tells a join its tokens can never fill from one that two tokens of a split fill through one task', () => {
    const three = flow(
      [start(), parallel('split'), task('a', { outcomes: ['ok', 'again'] }), task('b'), task('c'), parallel('join'), end()],
      [
        edge('start', 'split'), edge('split', 'a'), edge('split', 'b'),
        edge('a', 'join', { outcome: 'ok' }), edge('a', 'c', { outcome: 'again' }), edge('c', 'join'),
        edge('b', 'join'), edge('join', 'end'),
      ],
    );
    // join needs tokens from a (ok), c (again) and b: the split's two tokens cannot give three.
    expect(errorsOf(three)).toEqual(['join_deadlock /nodes/5']);
    // Two tokens reach a, one leaves by `ok`, the other by `again`: the join fills.
    const twice = flow(
      [start(), parallel('split'), task('a', { outcomes: ['ok', 'again'] }), task('c'), parallel('join'), end()],
      [edge('start', 'split'), edge('split', 'a', { id: 's1' }), edge('split', 'a', { id: 's2' }), edge('a', 'join', { outcome: 'ok' }), edge('a', 'c', { outcome: 'again' }), edge('c', 'join'), edge('join', 'end')],
    );
    expect(errorsOf(twice)).toEqual([]);
  });

  it('accepts a join that a loop fills on a later turn', () => {
    // t → two splits: one token loops back to t, the other waits at the join; t → one fills it.
    const doc = flow(
      [start(), exclusive('x'), task('t', { outcomes: ['one', 'two'] }), parallel('s'), parallel('join'), end()],
      [
        edge('start', 'x'), otherwise('x', 't'), branch('x', 'end', OK),
        edge('t', 'join', { outcome: 'one' }), edge('t', 's', { outcome: 'two' }), edge('s', 'x'), edge('s', 'join'), edge('join', 'end'),
      ],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual([]);
  });

  it('reports a split that a loop enters again, since two incoming edges make it a join', () => {
    const doc = flow(
      [start(), parallel('split'), task('a'), task('b'), parallel('join'), exclusive('gate'), end()],
      [
        edge('start', 'split'), edge('split', 'a'), edge('split', 'b'), edge('a', 'join'), edge('b', 'join'),
        edge('join', 'gate'), branch('gate', 'end', OK), otherwise('gate', 'split'),
      ],
      { variables: okVar },
    );
    expect(errorsOf(doc)).toEqual(['join_deadlock /nodes/1']);
  });
});

describe('checkSubprocesses (publish time)', () => {
  const caller = (key: string, calls: string[]): Definition =>
    linear(calls.map((process, k) => ({ id: `call${k}`, type: 'subprocess', process })), { key });

  it('accepts calls to published definitions that do not call back', () => {
    const published = new Map([['enfant', caller('enfant', [])]]);
    expect(checkSubprocesses(published, caller('parent', ['enfant']))).toEqual([]);
  });

  it('reports a call to a key with no published definition', () => {
    const problems = checkSubprocesses({}, caller('parent', ['absent']));
    expect(found(problems)).toEqual(['unknown_process /nodes/1/process']);
  });

  it('reports a definition calling itself and definitions calling each other in a circle', () => {
    expect(found(checkSubprocesses({}, caller('boucle', ['boucle'])))).toEqual(['subprocess_cycle /nodes/1/process']);
    const published = { b: caller('b', ['c']), c: caller('c', ['a']) };
    expect(found(checkSubprocesses(published, caller('a', ['b'])))).toEqual(['subprocess_cycle /nodes/1/process']);
  });

  describe('input and output mappings, where the child is known', () => {
    const child = withVariables([], { key: 'enfant' });
    const parent = (input: Record<string, string>, output: Record<string, string>) =>
      withVariables([{ id: 'appel', type: 'subprocess', process: 'enfant', input, output }], { key: 'parent' });
    const published = { enfant: child };

    it('accepts mappings between types that feed each other', () => {
      const input = { nom: 'contact', notes: 'limite', montant: 'nb', statut: 'statut', site: 'site' };
      const output = { nom: 'statut', notes: 'site', montant: 'nb', ok: 'ok', limite: 'limite' };
      expect(checkSubprocesses(published, parent(input, output))).toEqual([]);
    });

    it('reports each input or output between types that cannot feed each other as type_mismatch', () => {
      const problems = checkSubprocesses(published, parent({ nb: 'montant', limite: 'nom', ok: 'ok' }, { contact: 'nom', nb: 'nb' }));
      expect(found(problems)).toEqual(['type_mismatch /nodes/1/input/nb', 'type_mismatch /nodes/1/input/limite', 'type_mismatch /nodes/1/output/contact']);
      expect(problems[0].message).toBe("L’étape « appel » : la variable « montant » (number) du parent ne peut pas alimenter « nb » (integer) de « enfant »");
      expect(problems[2].message).toContain('« nom » (string) de « enfant » ne peut pas alimenter « contact » (email) du parent');
    });

    it('compares enum options: a child enum feeds a parent enum only with options among the parent’s', () => {
      const wider = withVariables([], { key: 'enfant', variables: [{ name: 'statut', type: 'enum', options: ['ouvert', 'clos', 'suspendu'] }] });
      expect(found(checkSubprocesses({ enfant: wider }, parent({ statut: 'statut' }, {})))).toEqual([]);
      expect(found(checkSubprocesses({ enfant: wider }, parent({}, { statut: 'statut' })))).toEqual(['type_mismatch /nodes/1/output/statut']);
    });

    it('reports a child variable the child does not declare as unknown_variable', () => {
      expect(found(checkSubprocesses(published, parent({ absente: 'nom' }, { nom: 'inconnue' })))).toEqual([
        'unknown_variable /nodes/1/input/absente',
        'unknown_variable /nodes/1/output/nom',
      ]);
    });
  });
});

