// Values given to the engine from outside (start input, form values) follow spec section 1:
// null is never a value, the empty string is a value only of string and text, dates run
// from 0001 to 9999. The same rules hold in the validator for defaults, literals and
// condition values, and in the simulator for script values.
import { describe, expect, it } from 'vitest';
import { applyWith, apply, start, startWith } from '../../dsl/engine';
import type { EngineEvent } from '../../dsl/engine-types';
import { simulate } from '../../dsl/simulator';
import { validate } from '../../dsl/validate';
import { definition, gated, path, set, withVariables } from '../support/definitions';
import { found, ok, refusal, scriptError, T0 } from './fixtures';

const def = definition({
  variables: [
    { name: 'ok', type: 'boolean' },
    { name: 'nb', type: 'integer' },
    { name: 'limite', type: 'date' },
    { name: 'avis', type: 'text', required: true },
    { name: 'nom', type: 'string' },
  ],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'fill', type: 'task', assignee: 'equipe', form: [{ var: 'ok' }, { var: 'nb' }, { var: 'limite' }, { var: 'avis', required: true }, { var: 'nom' }] },
    { id: 'end', type: 'end' },
  ],
  edges: path('start', 'fill', 'end'),
});

const fill = (values: Record<string, unknown>): EngineEvent => ({ type: 'complete_task', task: 'fill:1', outcome: 'done', values, actor: { roles: ['equipe'] } });
const opened = () => ok(start(def, { avis: 'prêt' }, T0)).state;
const problems = (values: Record<string, unknown>) =>
  refusal(apply(def, opened(), fill({ avis: 'vu', ...values }), T0)).details?.map((d) => `${d.field} ${d.code}`);

describe('values given to a task', () => {
  it('refuses the empty string for every type but string and text, as a wrong type', () => {
    expect(problems({ ok: '', nb: '', limite: '' })).toEqual(['ok wrong_type', 'nb wrong_type', 'limite wrong_type']);
  });

  it('refuses null as a wrong type, even for an optional field', () => {
    expect(problems({ ok: null, nom: null })).toEqual(['ok wrong_type', 'nom wrong_type']);
  });

  it('reports a required field given null once, as a wrong type, not also as missing', () => {
    expect(problems({ avis: null })).toEqual(['avis wrong_type']);
  });

  it('refuses the date 0000-01-01 and takes 0001-01-01 and 9999-12-31', () => {
    expect(problems({ limite: '0000-01-01' })).toEqual(['limite wrong_type']);
    expect(ok(apply(def, opened(), fill({ avis: 'vu', limite: '0001-01-01' }), T0)).state.status).toBe('completed');
    expect(ok(apply(def, opened(), fill({ avis: 'vu', limite: '9999-12-31' }), T0)).state.status).toBe('completed');
  });

  it('writes the empty string into a text variable: it is a value of that type, and it counts as given', () => {
    const step = ok(apply(def, opened(), fill({ avis: '', nom: '' }), T0));
    expect(step.state.variables).toMatchObject({ avis: '', nom: '' });
  });

  it('reads null and blank text as not given for projects started before the rule (blanksAsAbsent)', () => {
    const legacy = { enforceRequired: true, blanksAsAbsent: true };
    const step = ok(applyWith(def, opened(), fill({ avis: 'vu', ok: '', nb: null, nom: '  ' }), T0, legacy));
    expect(step.state.variables).toStrictEqual({ avis: 'vu' });
    expect(refusal(applyWith(def, opened(), fill({ avis: '' }), T0, legacy)).details?.map((d) => d.code)).toEqual(['missing']);
  });
});

describe('start input', () => {
  it('refuses null and the empty string for a non-text variable, and an impossible date', () => {
    const error = refusal(start(def, { avis: 'x', ok: '', nb: null, limite: '0000-01-01' }, T0));
    expect(error.code).toBe('input_invalid');
    expect(error.details?.map((d) => `${d.field} ${d.code}`)).toEqual(['ok wrong_type', 'nb wrong_type', 'limite wrong_type']);
  });

  it('takes the empty string for a required text variable as given', () => {
    expect(ok(start(def, { avis: '' }, T0)).state.variables).toStrictEqual({ avis: '' });
  });

  it('refuses a required variable given as null once, as a wrong type', () => {
    expect(refusal(start(def, { avis: null }, T0)).details?.map((d) => `${d.field} ${d.code}`)).toEqual(['avis wrong_type']);
  });

  it('refuses null even for a variable with a default; blanks counted as absent leave it to the default', () => {
    const withDefault = definition({
      variables: [{ name: 'nb', type: 'integer', default: 3 }],
      nodes: [{ id: 'start', type: 'start' }, { id: 'end', type: 'end' }],
      edges: path('start', 'end'),
    });
    expect(refusal(start(withDefault, { nb: null }, T0)).code).toBe('input_invalid');
    const legacy = ok(startWith(withDefault, { nb: null }, T0, { enforceRequired: true, blanksAsAbsent: true }));
    expect(legacy.state.variables).toStrictEqual({ nb: 3 });
  });
});

describe('script values in the simulator', () => {
  it('refuses the empty string for a boolean and null anywhere as a script error', () => {
    const atFill = { task: 'fill:1', node: 'fill' };
    expect(() => simulate({ definition: def, start: T0, script: { tasks: { fill: [{ values: { ok: '' } }] } } })).toThrow(
      scriptError('values_invalid', atFill, [{ field: 'ok', code: 'wrong_type' }]),
    );
    expect(() => simulate({ definition: def, start: T0, script: { tasks: { fill: [{ values: { nom: null } }] } } })).toThrow(
      scriptError('values_invalid', atFill, [{ field: 'nom', code: 'wrong_type' }]),
    );
    expect(() => simulate({ definition: def, start: T0, script: { input: { limite: '0000-01-01' } } })).toThrow(
      scriptError('input_invalid', {}, [{ field: 'limite', code: 'wrong_type' }]),
    );
  });
});

describe('the validator agrees on defaults, assignments and condition values', () => {
  const errorsOf = (doc: unknown) => found(validate(doc).errors);

  it('refuses null, the empty string of a non-text type and year 0000 as defaults', () => {
    const doc = withVariables([], {
      variables: [
        { name: 'ok', type: 'boolean', default: '' },
        { name: 'nb', type: 'integer', default: null },
        { name: 'limite', type: 'date', default: '0000-01-01' },
        { name: 'nom', type: 'string', default: '' },
        { name: 'debut', type: 'date', default: '0001-01-01' },
      ],
    });
    expect(errorsOf(doc)).toEqual(['type_mismatch /variables/0/default', 'type_mismatch /variables/1/default', 'type_mismatch /variables/2/default']);
  });

  it('refuses them as condition values and as assigned literals', () => {
    const vars = [
      { name: 'ok', type: 'boolean' as const },
      { name: 'limite', type: 'date' as const },
    ];
    expect(errorsOf(gated({ var: 'ok', op: '==', value: '' }, vars))).toEqual(['type_mismatch /edges/1/when/value']);
    expect(errorsOf(gated({ var: 'ok', op: '!=', value: null }, vars))).toEqual(['type_mismatch /edges/1/when/value']);
    expect(errorsOf(gated({ var: 'limite', op: '<', value: '0000-12-31' }, vars))).toEqual(['type_mismatch /edges/1/when/value']);
    expect(errorsOf(gated({ var: 'limite', op: 'in', value: ['2027-01-01', '0000-01-01'] }, vars))).toEqual(['type_mismatch /edges/1/when/value/1']);
    expect(errorsOf(withVariables([set('s', { ok: '', nb: null, limite: '0000-01-01', nom: '' })]))).toEqual([
      'type_mismatch /nodes/1/assign/ok',
      'type_mismatch /nodes/1/assign/nb',
      'type_mismatch /nodes/1/assign/limite',
    ]);
  });
});
