// Whether a value fits a variable's type (spec section 1, "Variables"). Shared by the
// validator (defaults, literals in conditions and assignments) and the engine (start input,
// form values), so both refuse exactly the same things. Pure; imports only from dsl/.
import { daysInMonth } from './durations';
import type { Variable, VariableType } from './schema';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Real validation is sending mail.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
// `new URL('http:example.org')` parses, so the scheme and `//` are checked on the text.
const HTTP_URL = /^https?:\/\//i;

/** A real calendar date written `YYYY-MM-DD`, years 0001 to 9999 (2027-02-29 is not one). */
export function isIsoDate(s: string): boolean {
  const m = typeof s === 'string' ? ISO_DATE.exec(s) : null;
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isHttpUrl(s: string): boolean {
  if (!HTTP_URL.test(s) || /\s/.test(s)) return false;
  try {
    // Available in Node and in Temporal's workflow sandbox alike.
    return new URL(s).hostname !== '';
  } catch {
    return false;
  }
}

const EXPECTED: Record<VariableType, string> = {
  string: 'une chaîne de caractères',
  text: 'un texte',
  integer: 'un nombre entier',
  number: 'un nombre',
  boolean: 'un booléen (true ou false)',
  date: 'une date AAAA-MM-JJ',
  email: 'une adresse e-mail',
  url: 'une URL http(s) absolue',
  enum: 'une des valeurs permises',
};

function fits(variable: Variable, value: unknown): boolean {
  switch (variable.type) {
    case 'string':
    case 'text':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isIsoDate(value);
    case 'email':
      return typeof value === 'string' && EMAIL.test(value);
    case 'url':
      return typeof value === 'string' && isHttpUrl(value);
    case 'enum':
      return typeof value === 'string' && (variable.options ?? []).includes(value);
  }
}

/** Null when `value` fits `variable`, otherwise a short French message for people. */
export function checkValue(variable: Variable, value: unknown): string | null {
  if (fits(variable, value)) return null;
  if (variable.type === 'enum' && variable.options && variable.options.length > 0) {
    return `attendu : une des valeurs ${variable.options.map((o) => JSON.stringify(o)).join(', ')}`;
  }
  return `attendu : ${EXPECTED[variable.type]}`;
}

// Spec 1: a variable feeds another (`set` with `{ "var": … }`, subprocess `input` and
// `output`) when every value of its type is a value of the target's.
const TEXTUAL: VariableType[] = ['string', 'text', 'email', 'url', 'date', 'enum'];

/** Whether every value `source` can hold is a value of `target`. */
export function feeds(source: Variable, target: Variable): boolean {
  if (source.type === target.type) {
    return target.type !== 'enum' || (source.options ?? []).every((o) => target.options?.includes(o));
  }
  if (target.type === 'number') return source.type === 'integer';
  if (target.type === 'string' || target.type === 'text') return TEXTUAL.includes(source.type);
  return false;
}

