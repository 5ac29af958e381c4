import { describe, expect, it } from 'vitest';
import { collectValues, initialValues, outcomeLabel, type FormField } from '../../designer/src/forms/task-form';

const field = (var_: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({ var: var_, label: var_, type, required: false, ...extra });

describe('the task form in the browser', () => {
  it('starts from the variables’ current values', () => {
    const fields = [field('n', 'integer', { value: 12 }), field('ok', 'boolean'), field('d', 'date', { value: '2027-01-04' }), field('t', 'string')];
    expect(initialValues(fields)).toEqual({ n: '12', ok: null, d: '2027-01-04', t: '' });
  });

  it('sends typed values, reading a French decimal comma', () => {
    const fields = [field('n', 'integer'), field('x', 'number'), field('ok', 'boolean'), field('e', 'enum', { options: ['a', 'b'] })];
    expect(collectValues(fields, { n: '12', x: '3,5', ok: false, e: 'b' })).toEqual({ values: { n: 12, x: 3.5, ok: false, e: 'b' }, errors: {} });
  });

  it('refuses what the engine refuses, on the field at fault', () => {
    const fields = [field('n', 'integer'), field('d', 'date'), field('m', 'email'), field('u', 'url'), field('e', 'enum', { options: ['a'] })];
    const { values, errors } = collectValues(fields, { n: '1.5', d: '2027-02-30', m: 'pas-une-adresse', u: 'exemple.fr', e: 'z' });
    expect(values).toEqual({});
    expect(Object.keys(errors).sort()).toEqual(['d', 'e', 'm', 'n', 'u']);
    expect(errors.n).toContain('nombre entier');
  });

  it('requires required fields and leaves blank optional ones out', () => {
    const fields = [field('a', 'string', { required: true }), field('b', 'text'), field('c', 'boolean', { required: true })];
    const { values, errors } = collectValues(fields, { a: '  ', b: '', c: null });
    expect(values).toEqual({});
    expect(errors).toEqual({ a: 'Ce champ est obligatoire.', c: 'Ce champ est obligatoire.' });
  });

  it('names outcome buttons as the pages promise', () => {
    expect(['done', 'approved', 'changes_requested', 'rejected', 'sent_back'].map(outcomeLabel)).toEqual([
      'Terminer', 'Approuver', 'Demander des modifications', 'Refuser', 'sent back',
    ]);
  });
});
