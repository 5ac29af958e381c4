import { describe, expect, it } from 'vitest';
import type { Definition } from '../../dsl/schema';
import { validate } from '../../dsl/validate';
import { end, gated, linear, notify, set, task, timer, withVariables } from '../support/definitions';
import { found } from './fixtures';

const errorsOf = (doc: unknown) => found(validate(doc).errors);

describe('validate: duplicates and references', () => {
  it('reports the second of two nodes, edges, roles, phases or variables with one id', () => {
    const doc = linear([task('a', { phase: 'p' }), timer('b')], {
      roles: [
        { key: 'agent', label: 'Agent' },
        { key: 'agent', label: 'Encore' },
      ],
      phases: [
        { key: 'p', label: 'P' },
        { key: 'p', label: 'P bis' },
      ],
      variables: [
        { name: 'v', type: 'string', required: true },
        { name: 'v', type: 'string' },
      ],
    });
    doc.nodes.push(end('end'));
    doc.edges[1].id = doc.edges[0].id;
    expect(errorsOf(doc)).toEqual([
      'duplicate_id /roles/1/key',
      'duplicate_id /phases/1/key',
      'duplicate_id /variables/1/name',
      'duplicate_id /nodes/4/id',
      'duplicate_id /edges/1/id',
    ]);
  });

  it('reports undeclared roles for an assignee, a notification and an escalation', () => {
    const doc = linear([
      task('a', { assignee: 'chef', due: 'P5D', escalation: { after: 'P1D', to: ['agent', 'direction'] } }),
      notify('n', { to: ['public'] }),
    ]);
    expect(errorsOf(doc)).toEqual([
      'unknown_role /nodes/1/assignee',
      'unknown_role /nodes/1/escalation/to/1',
      'unknown_role /nodes/2/to/0',
    ]);
  });

  it('reports an undeclared phase', () => {
    const doc = linear([task('a', { phase: 'etude' })]);
    expect(errorsOf(doc)).toEqual(['unknown_phase /nodes/1/phase']);
  });

  it('reports undeclared variables wherever a variable is named', () => {
    const doc = linear([
      task('a', { form: [{ var: 'f' }] }),
      notify('n', { subject: 'Pour {{ s }}', body: 'Voir {{b}} et {{b}}, pas {{ pas un nom }}' }),
      timer('t', { until: 'u' }),
      set('s', { x: 1, nb: { var: 'y' } }),
      { id: 'c', type: 'subprocess', process: 'enfant', input: { childVar: 'i' }, output: { o: 'childOut' } },
    ], { variables: [{ name: 'nb', type: 'integer' }] });
    expect(errorsOf(doc)).toEqual([
      'unknown_variable /nodes/1/form/0/var',
      'unknown_variable /nodes/2/subject',
      'unknown_variable /nodes/2/body',
      'unknown_variable /nodes/3/until',
      'unknown_variable /nodes/4/assign/x',
      'unknown_variable /nodes/4/assign/nb/var',
      'unknown_variable /nodes/5/input/childVar',
      'unknown_variable /nodes/5/output/o',
    ]);
  });

  it('reports an undeclared variable deep inside a condition', () => {
    const doc = gated({ all: [{ var: 'ok', op: 'exists' }, { not: { var: 'ko', op: 'exists' } }] }, [{ name: 'ok', type: 'boolean' }]);
    expect(errorsOf(doc)).toEqual(['unknown_variable /edges/1/when/all/1/not/var']);
  });

  it('checks a variable named __proto__ in assignments and subprocess mappings like any other', () => {
    // Only JSON.parse makes `__proto__` an own key, as in a document read from a file.
    const nodes = JSON.parse(`[
      { "id": "s", "type": "set", "assign": { "__proto__": "douze" } },
      { "id": "t", "type": "set", "assign": { "__proto__": [1] } },
      { "id": "c", "type": "subprocess", "process": "enfant", "input": { "__proto__": "absente" }, "output": { "__proto__": "x" } }
    ]`);
    const declared = linear(nodes.slice(0, 2), { variables: [{ name: '__proto__', type: 'integer' }] });
    expect(errorsOf(declared)).toEqual(['schema /nodes/2/assign/__proto__', 'type_mismatch /nodes/1/assign/__proto__']);
    expect(errorsOf(linear(nodes.slice(2)))).toEqual([
      'unknown_variable /nodes/1/input/__proto__',
      'unknown_variable /nodes/1/output/__proto__',
    ]);
    const fine = linear(JSON.parse('[{ "id": "s", "type": "set", "assign": { "__proto__": 12 } }]'), {
      variables: [{ name: '__proto__', type: 'integer' }],
    });
    expect(errorsOf(fine)).toEqual([]);
    expect(found(validate(fine).warnings)).toEqual(['unused_role /roles/0']);
  });
});

describe('validate: types (type_mismatch)', () => {
  it('reports a default that does not fit its variable', () => {
    const doc = linear([], {
      variables: [
        { name: 'nb', type: 'integer', default: 2.5 },
        { name: 'statut', type: 'enum', options: ['a'], default: 'b' },
        { name: 'limite', type: 'date', default: '2027-02-30' },
      ],
    });
    expect(errorsOf(doc)).toEqual([
      'type_mismatch /variables/0/default',
      'type_mismatch /variables/1/default',
      'type_mismatch /variables/2/default',
    ]);
  });

  it('lets a variable feed another when every value of its type fits (spec 1): date, e-mail, URL and enum into text', () => {
    const doc = withVariables([
      set('s', { nom: { var: 'limite' }, notes: { var: 'contact' }, montant: { var: 'nb' } }),
      set('t', { nom: { var: 'site' }, notes: { var: 'statut' }, statut: { var: 'statut' } }),
    ]);
    expect(errorsOf(doc)).toEqual([]);
    expect(errorsOf(withVariables([set('u', { limite: { var: 'nom' }, contact: { var: 'notes' }, nb: { var: 'montant' }, ok: { var: 'nom' } })]))).toEqual([
      'type_mismatch /nodes/1/assign/limite',
      'type_mismatch /nodes/1/assign/contact',
      'type_mismatch /nodes/1/assign/nb',
      'type_mismatch /nodes/1/assign/ok',
    ]);
  });

  it('reports assignments of a wrong literal or of a variable of another type', () => {
    const doc = withVariables([
      set('s', { nb: 'douze', ok: true, statut: 'perdu', nom: { var: 'contact' }, montant: { var: 'nb' }, limite: { var: 'nom' } }),
    ]);
    expect(errorsOf(doc)).toEqual([
      'type_mismatch /nodes/1/assign/nb',
      'type_mismatch /nodes/1/assign/statut',
      'type_mismatch /nodes/1/assign/limite',
    ]);
  });

  it('reports condition values of the wrong type, list elements included, and enum values not among the options', () => {
    const vars: Definition['variables'] = [
      { name: 'nb', type: 'integer' },
      { name: 'statut', type: 'enum', options: ['ouvert', 'clos'] },
    ];
    expect(errorsOf(gated({ var: 'nb', op: '>', value: '3' }, vars))).toEqual(['type_mismatch /edges/1/when/value']);
    expect(errorsOf(gated({ var: 'nb', op: 'in', value: [1, 'deux', 3.5] }, vars))).toEqual([
      'type_mismatch /edges/1/when/value/1',
      'type_mismatch /edges/1/when/value/2',
    ]);
    expect(errorsOf(gated({ var: 'statut', op: '==', value: 'perdu' }, vars))).toEqual(['type_mismatch /edges/1/when/value']);
  });

  it('reports an operator used on a type it does not apply to', () => {
    const vars: Definition['variables'] = [
      { name: 'ok', type: 'boolean' },
      { name: 'nom', type: 'string' },
    ];
    expect(errorsOf(gated({ var: 'ok', op: '<', value: true }, vars))).toEqual(['type_mismatch /edges/1/when/op']);
    expect(errorsOf(gated({ var: 'nom', op: 'contains', value: 'Lyon' }, vars))).toEqual([]);
    expect(errorsOf(gated({ var: 'ok', op: 'contains', value: 'x' }, vars))).toEqual(['type_mismatch /edges/1/when/op']);
  });

  it('reports a timer waiting until a variable that is not a date', () => {
    const doc = withVariables([timer('t', { until: 'nb' })]);
    expect(errorsOf(doc)).toEqual(['type_mismatch /nodes/1/until']);
  });
});

describe('validate: durations', () => {
  it('reports every malformed duration: due, reminders, escalation and timer wait', () => {
    const doc = linear([
      task('a', { due: '10 jours', reminders: ['P1D', 'P0D'], escalation: { after: 'PT', to: ['agent'] } }),
      timer('t', { wait: 'P1.5D' }),
    ]);
    expect(errorsOf(doc)).toEqual([
      'bad_duration /nodes/1/due',
      'bad_duration /nodes/1/reminders/1',
      'bad_duration /nodes/1/escalation/after',
      'bad_duration /nodes/2/wait',
    ]);
  });

  it('reports a number of more than nine digits as bad_duration, wherever a duration goes', () => {
    const doc = linear([
      task('a', { due: 'P1000000000D', reminders: ['PT9999999999S'], escalation: { after: 'P0000000001D', to: ['agent'] } }),
      timer('t', { wait: 'P12345678901Y' }),
      timer('u', { wait: 'P999999999D' }),
    ]);
    expect(errorsOf(doc)).toEqual([
      'bad_duration /nodes/1/due',
      'bad_duration /nodes/1/reminders/0',
      'bad_duration /nodes/1/escalation/after',
      'bad_duration /nodes/2/wait',
    ]);
  });

  it('reports reminders or an escalation without due, and a reminder not shorter than due', () => {
    const doc = linear([
      task('a', { reminders: ['P1D'], escalation: { after: 'P1D', to: ['agent'] } }),
      task('b', { due: 'P1W', reminders: ['P2D', 'P7D', 'P1M'] }),
    ]);
    expect(errorsOf(doc)).toEqual([
      'reminder_without_due /nodes/1/reminders',
      'reminder_without_due /nodes/1/escalation',
      'reminder_without_due /nodes/2/reminders/1',
      'reminder_without_due /nodes/2/reminders/2',
    ]);
  });
});
