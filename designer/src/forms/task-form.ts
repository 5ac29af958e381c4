// A task's form as the browser edits it: the API's FormField list in, raw widget values
// (strings, booleans) kept while the person types, and on submit the typed values the
// engine expects, checked with the engine's own rules (dsl/values.ts) so the browser and
// the server refuse exactly the same things. Pure: no React.
import { checkValue } from '../../../dsl/values';
import type { Variable } from '../../../dsl/schema';
import type { Schemas } from '../api/client';

export type FormField = Schemas['FormField'];
/** What a widget holds: text for text-like and number inputs, a boolean, or nothing chosen. */
export type RawValue = string | boolean | null;
export type RawValues = Record<string, RawValue>;
export type SubmittedValue = string | number | boolean;

/** The widget's starting value: the variable's current value, else empty. */
export function initialValues(fields: FormField[]): RawValues {
  const out: RawValues = {};
  for (const field of fields) {
    const value = field.value;
    if (field.type === 'boolean') out[field.var] = typeof value === 'boolean' ? value : null;
    else out[field.var] = value === undefined || value === null ? '' : String(value);
  }
  return out;
}

const isBlank = (raw: RawValue) => raw === null || (typeof raw === 'string' && raw.trim() === '');

function typed(field: FormField, raw: RawValue): unknown {
  if (typeof raw === 'boolean') return raw;
  const text = (raw ?? '').trim();
  if (field.type === 'integer' || field.type === 'number') {
    // French decimal comma accepted; anything not a number is left as text for the check to refuse.
    const normalized = text.replace(/\s/g, '').replace(',', '.');
    return /^-?\d+(\.\d+)?$/.test(normalized) ? Number(normalized) : text;
  }
  return field.type === 'text' ? (raw as string) : text;
}

/**
 * The values to send, or the French message of each field at fault (keyed by variable).
 * Blank optional fields are left out: they never erase what a variable holds.
 */
export function collectValues(
  fields: FormField[],
  raw: RawValues,
): { values: Record<string, SubmittedValue>; errors: Record<string, string> } {
  const values: Record<string, SubmittedValue> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const current = raw[field.var] ?? null;
    if (isBlank(current)) {
      if (field.required) errors[field.var] = 'Ce champ est obligatoire.';
      continue;
    }
    const value = typed(field, current);
    const variable = { name: field.var, type: field.type, options: field.options } as Variable;
    const problem = checkValue(variable, value);
    if (problem) errors[field.var] = `Valeur incorrecte (${problem}).`;
    else values[field.var] = value as SubmittedValue;
  }
  return { values, errors };
}

/** The button label of an outcome (names fixed by the accessibility contract of the pages). */
export function outcomeLabel(outcome: string): string {
  const known: Record<string, string> = {
    done: 'Terminer',
    approved: 'Approuver',
    changes_requested: 'Demander des modifications',
    rejected: 'Refuser',
  };
  return known[outcome] ?? outcome.replaceAll('_', ' ');
}
