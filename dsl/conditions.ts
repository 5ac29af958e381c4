// Evaluating conditions on exclusive-gateway edges (spec section 4), and which operators
// apply to which variable types (for the validator's `type_mismatch`). Literal logic over
// plain values: no eval, no coercion. Pure; imports only types from dsl/.
import type { Comparison, ComparisonOp, Condition, Value, VariableType, Variables } from './schema';

/** Operators each type supports. `in`/`notIn` take a list; `exists` takes no value. */
export const OPS_BY_TYPE: Readonly<Record<VariableType, readonly ComparisonOp[]>> = {
  string: ['==', '!=', 'in', 'notIn', 'exists', 'contains'],
  text: ['==', '!=', 'in', 'notIn', 'exists', 'contains'],
  integer: ['==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'exists'],
  number: ['==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'exists'],
  date: ['==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'exists'],
  boolean: ['==', '!=', 'in', 'notIn', 'exists'],
  email: ['==', '!=', 'in', 'notIn', 'exists'],
  url: ['==', '!=', 'in', 'notIn', 'exists'],
  enum: ['==', '!=', 'in', 'notIn', 'exists'],
};

export function opAppliesTo(op: ComparisonOp, type: VariableType): boolean {
  return OPS_BY_TYPE[type].includes(op);
}

/** What `value` an operator takes: none (`exists`), a list (`in`, `notIn`) or one literal. */
export function opValueShape(op: ComparisonOp): 'none' | 'list' | 'single' {
  if (op === 'exists') return 'none';
  return op === 'in' || op === 'notIn' ? 'list' : 'single';
}

export function evaluate(condition: Condition, variables: Variables): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, variables));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, variables));
  if ('not' in condition) return !evaluate(condition.not, variables);
  return compare(condition, variables);
}

function compare(c: Comparison, variables: Variables): boolean {
  // Own properties only: a variable named `constructor` must not find Object.prototype's.
  const has = Object.prototype.hasOwnProperty.call(variables, c.var);
  const v: Value | null | undefined = has ? variables[c.var] : undefined;
  if (v === undefined || v === null) return false;
  const expected = c.value;
  switch (c.op) {
    case 'exists':
      return true;
    case '==':
      return v === expected;
    case '!=':
      return expected !== undefined && v !== expected;
    case 'in':
      return Array.isArray(expected) && expected.includes(v);
    case 'notIn':
      return Array.isArray(expected) && !expected.includes(v);
    case 'contains':
      return typeof v === 'string' && typeof expected === 'string' && v.includes(expected);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordered(c.op, v, expected);
  }
}

// Numbers compare as numbers; strings (YYYY-MM-DD dates) compare lexically, which is
// chronological for that format. Mixed kinds never compare.
function ordered(op: '<' | '<=' | '>' | '>=', a: Value, b: unknown): boolean {
  const same = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!same) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}
