import { describe, expect, it } from 'vitest';
import { evaluate, opAppliesTo, opValueShape, OPS_BY_TYPE } from '../../dsl/conditions';
import { COMPARISON_OPS, VARIABLE_TYPES, type Condition, type Variables } from '../../dsl/schema';

const vars: Variables = {
  nbJeunes: 12,
  budget: 1500.5,
  ouverture: '2027-09-01',
  statut: 'accepte',
  commentaire: 'Dossier complet, visite prévue',
  financement: false,
};

describe('evaluate: comparisons', () => {
  it('compares numbers with <, <=, >, >=', () => {
    expect(evaluate({ var: 'nbJeunes', op: '>=', value: 12 }, vars)).toBe(true);
    expect(evaluate({ var: 'nbJeunes', op: '>', value: 12 }, vars)).toBe(false);
    expect(evaluate({ var: 'nbJeunes', op: '<', value: 13 }, vars)).toBe(true);
    expect(evaluate({ var: 'budget', op: '<=', value: 1500 }, vars)).toBe(false);
  });

  it('compares numbers as numbers, not as text (9 < 10)', () => {
    expect(evaluate({ var: 'n', op: '<', value: 10 }, { n: 9 })).toBe(true);
  });

  it('compares dates chronologically', () => {
    expect(evaluate({ var: 'ouverture', op: '<', value: '2027-10-01' }, vars)).toBe(true);
    expect(evaluate({ var: 'ouverture', op: '>', value: '2026-12-31' }, vars)).toBe(true);
    expect(evaluate({ var: 'ouverture', op: '>=', value: '2027-09-02' }, vars)).toBe(false);
  });

  it('never orders a number against a string', () => {
    expect(evaluate({ var: 'nbJeunes', op: '<', value: '20' }, vars)).toBe(false);
    expect(evaluate({ var: 'nbJeunes', op: '>=', value: '1' }, vars)).toBe(false);
  });

  it('uses strict equality for == and !=', () => {
    expect(evaluate({ var: 'statut', op: '==', value: 'accepte' }, vars)).toBe(true);
    expect(evaluate({ var: 'nbJeunes', op: '==', value: '12' }, vars)).toBe(false);
    expect(evaluate({ var: 'nbJeunes', op: '!=', value: '12' }, vars)).toBe(true);
    expect(evaluate({ var: 'financement', op: '==', value: false }, vars)).toBe(true);
    expect(evaluate({ var: 'financement', op: '!=', value: false }, vars)).toBe(false);
  });

  it('checks membership with in and notIn', () => {
    expect(evaluate({ var: 'statut', op: 'in', value: ['accepte', 'refuse'] }, vars)).toBe(true);
    expect(evaluate({ var: 'statut', op: 'notIn', value: ['accepte', 'refuse'] }, vars)).toBe(false);
    expect(evaluate({ var: 'statut', op: 'notIn', value: ['refuse'] }, vars)).toBe(true);
    expect(evaluate({ var: 'nbJeunes', op: 'in', value: ['12'] }, vars)).toBe(false);
  });

  it('finds a substring with contains, case-sensitively', () => {
    expect(evaluate({ var: 'commentaire', op: 'contains', value: 'visite' }, vars)).toBe(true);
    expect(evaluate({ var: 'commentaire', op: 'contains', value: 'Visite' }, vars)).toBe(false);
  });

  it('says exists for a variable that has a value, even false or zero', () => {
    expect(evaluate({ var: 'financement', op: 'exists' }, vars)).toBe(true);
    expect(evaluate({ var: 'n', op: 'exists' }, { n: 0 })).toBe(true);
  });
});

describe('evaluate: a variable with no value', () => {
  const ops: Condition[] = [
    { var: 'absent', op: 'exists' },
    { var: 'absent', op: '==', value: 'x' },
    { var: 'absent', op: '!=', value: 'x' },
    { var: 'absent', op: '<', value: 3 },
    { var: 'absent', op: '>=', value: 3 },
    { var: 'absent', op: 'in', value: ['x'] },
    { var: 'absent', op: 'notIn', value: ['x'] },
    { var: 'absent', op: 'contains', value: 'x' },
  ];

  it.each(ops)('makes %j false', (c) => {
    expect(evaluate(c, vars)).toBe(false);
  });

  it('makes not of a comparison on it true, as literal logic', () => {
    expect(evaluate({ not: { var: 'absent', op: '==', value: 'x' } }, vars)).toBe(true);
    expect(evaluate({ not: { var: 'absent', op: 'exists' } }, vars)).toBe(true);
  });

  it('does not find Object.prototype members under a variable name', () => {
    expect(evaluate({ var: 'constructor', op: 'exists' }, {})).toBe(false);
    expect(evaluate({ var: 'toString', op: 'exists' }, {})).toBe(false);
  });
});

describe('evaluate: all, any, not', () => {
  const grand = { var: 'nbJeunes', op: '>=', value: 10 } as const;
  const accepte = { var: 'statut', op: '==', value: 'accepte' } as const;
  const refuse = { var: 'statut', op: '==', value: 'refuse' } as const;

  it('needs every condition for all', () => {
    expect(evaluate({ all: [grand, accepte] }, vars)).toBe(true);
    expect(evaluate({ all: [grand, refuse] }, vars)).toBe(false);
  });

  it('needs one condition for any', () => {
    expect(evaluate({ any: [refuse, accepte] }, vars)).toBe(true);
    expect(evaluate({ any: [refuse, { var: 'absent', op: 'exists' }] }, vars)).toBe(false);
  });

  it('negates with not, and nests', () => {
    expect(evaluate({ not: accepte }, vars)).toBe(false);
    expect(evaluate({ all: [grand, { not: { any: [refuse, { var: 'absent', op: 'exists' }] } }] }, vars)).toBe(true);
  });
});

describe('which operators apply to which types', () => {
  it('allows ordering only on integer, number and date', () => {
    for (const type of VARIABLE_TYPES) {
      const ordered = type === 'integer' || type === 'number' || type === 'date';
      for (const op of ['<', '<=', '>', '>='] as const) expect(opAppliesTo(op, type), `${op} ${type}`).toBe(ordered);
    }
  });

  it('allows contains only on string and text', () => {
    expect(VARIABLE_TYPES.filter((t) => opAppliesTo('contains', t))).toEqual(['string', 'text']);
  });

  it('allows ==, !=, in, notIn and exists on every type', () => {
    for (const type of VARIABLE_TYPES) {
      for (const op of ['==', '!=', 'in', 'notIn', 'exists'] as const) expect(opAppliesTo(op, type)).toBe(true);
    }
  });

  it('covers every type and only known operators', () => {
    expect(Object.keys(OPS_BY_TYPE).sort()).toEqual([...VARIABLE_TYPES].sort());
    for (const ops of Object.values(OPS_BY_TYPE)) for (const op of ops) expect(COMPARISON_OPS).toContain(op);
  });

  it('says which operators take a list, a single value or none', () => {
    expect(opValueShape('exists')).toBe('none');
    expect(opValueShape('in')).toBe('list');
    expect(opValueShape('notIn')).toBe('list');
    expect(opValueShape('==')).toBe('single');
    expect(opValueShape('contains')).toBe('single');
  });
});
