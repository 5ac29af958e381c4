import { describe, expect, it } from 'vitest';
import type { Definition } from '../../dsl/schema';
import { validate } from '../../dsl/validate';
import {
  branch,
  edge,
  end,
  exclusive,
  gated,
  largeDefinition,
  linear,
  minimalDefinition,
  notify,
  otherwise,
  set,
  start,
  task,
  timer,
  withVariables,
} from '../support/definitions';
import { found } from './fixtures';

const errorsOf = (doc: unknown) => found(validate(doc).errors);

describe('validate: documents that are fine', () => {
  it('accepts the minimal definition without errors or warnings', () => {
    expect(validate(minimalDefinition())).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('accepts a definition that uses every node type and every kind of reference', () => {
    const doc: Definition = {
      ...minimalDefinition(),
      phases: [{ key: 'etude', label: 'Étude' }],
      roles: [
        { key: 'agent', label: 'Agent' },
        { key: 'chef', label: 'Chef' },
      ],
      variables: [
        { name: 'nbJeunes', type: 'integer', required: true },
        { name: 'limite', type: 'date', default: '2027-06-30' },
        { name: 'avis', type: 'enum', options: ['oui', 'non'] },
        { name: 'total', type: 'number' },
        { name: 'commentaire', type: 'text' },
      ],
      nodes: [
        start(),
        task('review', {
          label: 'Revue',
          phase: 'etude',
          form: [{ var: 'avis', required: true }, { var: 'commentaire' }],
          outcomes: ['approved', 'rejected'],
          due: 'P10D',
          reminders: ['P2D', 'PT12H'],
          escalation: { after: 'P3D', to: ['chef'] },
        }),
        exclusive('gate'),
        notify('tell', { to: ['chef'], subject: 'Avis {{avis}}', body: 'Pour {{ nbJeunes }} jeunes.' }),
        set('copy', { total: { var: 'nbJeunes' }, avis: 'oui' }),
        timer('wait', { until: 'limite' }),
        { id: 'child', type: 'subprocess', process: 'sous-processus', input: { n: 'nbJeunes' }, output: { total: 'resultat' } },
        end(),
        end('refused', { result: 'abandoned' }),
      ],
      edges: [
        edge('start', 'review'),
        edge('review', 'gate', { outcome: 'approved' }),
        edge('review', 'refused', { outcome: 'rejected' }),
        branch('gate', 'tell', { all: [{ var: 'nbJeunes', op: '>=', value: 12 }, { not: { var: 'avis', op: 'in', value: ['non'] } }] }),
        otherwise('gate', 'copy'),
        edge('tell', 'wait'),
        edge('copy', 'wait'),
        edge('wait', 'child'),
        edge('child', 'end'),
      ],
    };
    expect(validate(doc)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('accepts a generated definition of a thousand nodes', () => {
    const doc = largeDefinition(1000);
    expect(doc.nodes.length).toBeGreaterThan(990);
    expect(validate(doc)).toEqual({ valid: true, errors: [], warnings: [] });
  });
});

describe('validate: shape (schema)', () => {
  it('reports a value that is not a document at the root', () => {
    expect(errorsOf(null)).toEqual(['schema ']);
    expect(errorsOf([])).toEqual(['schema ']);
  });

  it('points at the bad field: wrong format, bad key pattern, empty name', () => {
    const doc = { ...minimalDefinition(), format: 'passerelle.process/2', key: 'Pas Bon', name: '' };
    expect(errorsOf(doc)).toEqual(['schema /format', 'schema /key', 'schema /name']);
  });

  it('reports an unknown node type at its type field', () => {
    const doc = minimalDefinition() as { nodes: unknown[] };
    doc.nodes[1] = { id: 'review', type: 'approval', assignee: 'agent' };
    expect(errorsOf(doc)).toEqual(['schema /nodes/1/type']);
  });

  it('reports each field not allowed on a node or edge at that field', () => {
    const doc = minimalDefinition() as unknown as { nodes: object[]; edges: object[] };
    doc.nodes[0] = { ...doc.nodes[0], assignee: 'agent', due: 'P1D' };
    doc.edges[0] = { ...doc.edges[0], colour: 'red' };
    expect(errorsOf(doc)).toEqual(['schema /nodes/0/assignee', 'schema /nodes/0/due', 'schema /edges/0/colour']);
  });

  it('reports a missing required field at that field', () => {
    const doc = minimalDefinition() as unknown as { nodes: Record<string, unknown>[] };
    delete doc.nodes[1].assignee;
    expect(errorsOf(doc)).toEqual(['schema /nodes/1/assignee']);
  });

  it('reports a malformed condition at the part the author got wrong', () => {
    const doc = gated({ any: [{ var: 'ok', op: 'equals', value: true }] }, [{ name: 'ok', type: 'boolean' }]);
    expect(errorsOf(doc)).toEqual(['schema /edges/1/when/any/0/op']);
  });

  it('reports an outcome on an edge that does not leave a task', () => {
    const doc = minimalDefinition();
    doc.edges[0].outcome = 'done';
    expect(errorsOf(doc)).toEqual(['schema /edges/0/outcome']);
  });

  it('reports when and default on edges that do not leave an exclusive gateway', () => {
    const doc = minimalDefinition();
    doc.variables = [{ name: 'ok', type: 'boolean' }];
    doc.edges[0].when = { var: 'ok', op: '==', value: true };
    doc.edges[1].default = true;
    expect(errorsOf(doc)).toEqual(['schema /edges/0/when', 'schema /edges/1/default']);
  });

  it('reports a timer with neither wait nor until, and one with both', () => {
    const doc = withVariables([timer('neither', {}), timer('both', { wait: 'P1D', until: 'limite' })]);
    expect(errorsOf(doc)).toEqual(['schema /nodes/1', 'schema /nodes/2']);
  });

  it('reports an enum without options, options on another type and a repeated option', () => {
    const doc = linear([task('fill', { form: [{ var: 'a' }, { var: 'b' }, { var: 'c' }] })], {
      variables: [
        { name: 'a', type: 'enum' },
        { name: 'b', type: 'string', options: ['x'] },
        { name: 'c', type: 'enum', options: ['x', 'y', 'x'] },
      ],
    });
    expect(errorsOf(doc)).toEqual(['schema /variables/0/options', 'schema /variables/1/options', 'schema /variables/2/options/2']);
  });

  it('reports exists with a value and a comparison without one', () => {
    const exists = gated({ var: 'ok', op: 'exists', value: true }, [{ name: 'ok', type: 'boolean' }]);
    expect(errorsOf(exists)).toEqual(['schema /edges/1/when/value']);
    const missing = gated({ var: 'ok', op: '==' }, [{ name: 'ok', type: 'boolean' }]);
    expect(errorsOf(missing)).toEqual(['schema /edges/1/when/value']);
  });

  it('reports in without a list and == with a list', () => {
    const vars: Definition['variables'] = [{ name: 'nb', type: 'integer' }];
    expect(errorsOf(gated({ var: 'nb', op: 'in', value: 3 }, vars))).toEqual(['schema /edges/1/when/value']);
    expect(errorsOf(gated({ var: 'nb', op: '==', value: [3] }, vars))).toEqual(['schema /edges/1/when/value']);
  });

  it('reports a repeated outcome and a variable twice in one form', () => {
    const doc = linear([task('fill', { outcomes: ['done', 'done'], form: [{ var: 'nb' }, { var: 'nb', required: true }] })], {
      variables: [{ name: 'nb', type: 'integer' }],
    });
    expect(errorsOf(doc)).toEqual(['schema /nodes/1/form/1/var', 'schema /nodes/1/outcomes/1']);
  });
});

describe('validate: warnings', () => {
  it('warns about a role, a phase and a variable that nothing uses, without blocking', () => {
    const doc = linear([task('a')], {
      roles: [
        { key: 'agent', label: 'Agent' },
        { key: 'chef', label: 'Chef' },
      ],
      phases: [{ key: 'etude', label: 'Étude' }],
      variables: [{ name: 'oublie', type: 'string' }],
    });
    const result = validate(doc);
    expect(result.valid).toBe(true);
    expect(found(result.warnings)).toEqual(['unused_role /roles/1', 'unused_phase /phases/0', 'unused_variable /variables/0']);
  });

  it('counts a required or defaulted variable as start input, and a placeholder as a use', () => {
    const doc = linear([notify('n', { body: 'Bonjour {{nom}}' })], {
      variables: [
        { name: 'nom', type: 'string' },
        { name: 'ville', type: 'string', required: true },
        { name: 'pays', type: 'string', default: 'France' },
      ],
    });
    expect(validate(doc).warnings).toEqual([]);
  });
});

describe('validate: all problems at once', () => {
  it('reports problems of every kind in one pass, a broken field hiding none of the others', () => {
    const doc = linear([
      task('a', { label: 'Revue', assignee: 'inconnu', due: 'bientôt' }),
      { id: 'b', type: 'timer', wait: 5 } as never,
      set('s', { absent: 1 }),
    ]);
    doc.edges.push(edge('a', 'fantome'));
    expect(errorsOf(doc)).toEqual([
      'schema /nodes/2/wait',
      'unknown_role /nodes/1/assignee',
      'bad_duration /nodes/1/due',
      'unknown_variable /nodes/3/assign/absent',
      'unknown_node /edges/4/to',
      'outcome_edges /nodes/1',
    ]);
  });

  it('names a node by its label in French', () => {
    const doc = linear([task('review', { label: 'Revue', assignee: 'chef' })]);
    expect(validate(doc).errors[0].message).toBe("L’étape « Revue » : le rôle « chef » n’est pas déclaré");
  });
});
