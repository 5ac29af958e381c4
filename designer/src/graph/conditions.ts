// Conditions as people build them: the operators that fit a variable's type (from dsl/, so
// the designer never offers what the validator refuses), their French names, a literal typed
// from a field's text, and a short summary for edge labels. Pure.
import { OPS_BY_TYPE, opValueShape } from '../../../dsl/conditions';
import type { ComparisonOp, Condition, Literal, Variable } from '../../../dsl/schema';

export const OP_LABELS: Record<ComparisonOp, string> = {
  '==': 'est égal à',
  '!=': 'est différent de',
  '<': 'est inférieur à',
  '<=': 'est inférieur ou égal à',
  '>': 'est supérieur à',
  '>=': 'est supérieur ou égal à',
  in: 'est l’un de',
  notIn: 'n’est aucun de',
  exists: 'est renseigné',
  contains: 'contient',
};

const OP_SYMBOLS: Partial<Record<ComparisonOp, string>> = { '==': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

export function operatorsFor(variable: Pick<Variable, 'type'> | undefined): ComparisonOp[] {
  return variable ? [...OPS_BY_TYPE[variable.type]] : [];
}

export { opValueShape };

/** The literal a typed text stands for, in the variable's type; undefined when it does not parse. */
export function parseLiteral(variable: Pick<Variable, 'type'>, text: string): Literal | undefined {
  const t = text.trim();
  switch (variable.type) {
    case 'integer':
      return /^-?\d+$/.test(t) ? Number(t) : undefined;
    case 'number': {
      const n = Number(t.replace(',', '.'));
      return t !== '' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return t === 'true' || t === 'oui' ? true : t === 'false' || t === 'non' ? false : undefined;
    default:
      return text;
  }
}

export function literalText(value: Literal | undefined): string {
  if (value === true) return 'oui';
  if (value === false) return 'non';
  return value === undefined || value === null ? '' : String(value);
}

/** « nbJeunes ≥ 12 », « statut est l’un de a, b », « (…) et (…) ». */
export function describeCondition(c: Condition, variables: Variable[] = []): string {
  if ('all' in c) return c.all.map((x) => describeCondition(x, variables)).join(' et ');
  if ('any' in c) return c.any.map((x) => describeCondition(x, variables)).join(' ou ');
  if ('not' in c) return `non (${describeCondition(c.not, variables)})`;
  const name = variables.find((v) => v.name === c.var)?.label || c.var;
  const value = Array.isArray(c.value) ? c.value.map((v) => literalText(v)).join(', ') : literalText(c.value);
  if (c.op === 'exists') return `${name} ${OP_LABELS.exists}`;
  return `${name} ${OP_SYMBOLS[c.op] ?? OP_LABELS[c.op]} ${value}`;
}

/** The label an edge shows: its own label, else its outcome, « par défaut » or its condition. */
export function edgeCaption(edge: { label?: string; outcome?: string; default?: boolean; when?: Condition }, variables?: Variable[], outcomeLabel?: (o: string) => string): string | undefined {
  if (edge.label) return edge.label;
  if (edge.outcome) return outcomeLabel ? outcomeLabel(edge.outcome) : edge.outcome;
  if (edge.default) return 'par défaut';
  if (edge.when) return describeCondition(edge.when, variables);
  return undefined;
}
