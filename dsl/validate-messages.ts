// French wording for the validator: how to name the thing a problem is about, and zod's
// shape issues turned into `schema` problems that a person can act on. Codes and paths are
// for programs; these messages are for the people drawing processes.
import type { z } from 'zod';
import { pointer, type PathSegment, type ProblemSink } from './problems';
import {
  ID_PATTERN,
  KEY_PATTERN,
  NODE_TYPES,
  OUTCOME_PATTERN,
  ROLE_KEY_PATTERN,
  VARIABLE_NAME_PATTERN,
} from './schema';

/** « L'étape « Revue » »: by label when it has one, else by id. */
export function nodeName(node: { id: string; label?: string }): string {
  return `L’étape « ${node.label || node.id} »`;
}

export function nodeNameLower(node: { id: string; label?: string }): string {
  return `l’étape « ${node.label || node.id} »`;
}

export function edgeName(edge: { id: string | null; label?: string; index: number }): string {
  return `La transition « ${edge.label || edge.id || `n° ${edge.index + 1}`} »`;
}

export const quote = (s: unknown): string => `« ${typeof s === 'string' ? s : JSON.stringify(s)} »`;

const PATTERN_HINTS: [RegExp, string][] = [
  [KEY_PATTERN, 'des minuscules, chiffres et tirets, commençant par une lettre (2 à 63 caractères)'],
  [ROLE_KEY_PATTERN, 'des minuscules, chiffres et _, commençant par une lettre (32 caractères au plus)'],
  [VARIABLE_NAME_PATTERN, 'des lettres, chiffres et _, sans commencer par un chiffre (64 caractères au plus)'],
  [ID_PATTERN, 'des lettres, chiffres, _ et tirets, commençant par une lettre (64 caractères au plus)'],
  [OUTCOME_PATTERN, 'des minuscules, chiffres et _, commençant par une lettre (32 caractères au plus)'],
];

const TYPE_NAMES: Record<string, string> = {
  string: 'du texte',
  number: 'un nombre',
  boolean: 'true ou false',
  array: 'une liste',
  object: 'un objet',
  null: 'null',
};

const LISTS: Record<string, string> = {
  nodes: 'étape',
  edges: 'transition',
  roles: 'rôle',
  phases: 'phase',
  variables: 'variable',
};

function at(doc: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = doc;
  for (const s of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[s as string];
  }
  return v;
}

/** Names the document part a path falls in: the node, edge, role… or the document. */
function owner(doc: unknown, path: readonly PathSegment[]): string {
  const [list, index] = path;
  const item = at(doc, [list, index]) as Record<string, unknown> | undefined;
  const kind = typeof list === 'string' && Object.hasOwn(LISTS, list) ? LISTS[list] : undefined;
  if (!kind || typeof index !== 'number') return 'Le document';
  const name = item && typeof item === 'object' ? (item.label ?? item.id ?? item.key ?? item.name) : undefined;
  const shown = typeof name === 'string' && name !== '' ? `« ${name} »` : `n° ${index + 1}`;
  if (list === 'nodes') return `L’étape ${shown}`;
  return `${kind === 'rôle' ? 'Le' : 'La'} ${kind} ${shown}`;
}

/** The field a path ends in; none for an item of a list (`/nodes/3`). */
function fieldOf(path: readonly PathSegment[]): string | undefined {
  const last = path[path.length - 1];
  return typeof last === 'string' ? last : undefined;
}

function describe(issue: z.core.$ZodIssue, value: unknown, field: string | undefined): string {
  const f = field ? `le champ « ${field} »` : 'la valeur';
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return `${f} est obligatoire`;
      return `${f} doit être ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return `${f} ne doit pas être vide`;
      return `${f} doit contenir au moins ${String(issue.minimum)} élément${Number(issue.minimum) > 1 ? 's' : ''}`;
    case 'too_big':
      return `${f} ne doit pas dépasser ${String(issue.maximum)} ${issue.origin === 'string' ? 'caractères' : 'éléments'}`;
    case 'invalid_format': {
      const hint = PATTERN_HINTS.find(([p]) => 'pattern' in issue && String(p) === String(issue.pattern))?.[1];
      return `${quote(value)} n’a pas la forme attendue pour ${f}${hint ? ` : ${hint}` : ''}`;
    }
    case 'invalid_value':
      return `${quote(value)} n’est pas permis pour ${f} (attendu : ${issue.values.map((v) => String(v)).join(', ')})`;
    case 'invalid_key':
      return `${quote(field)} n’est pas un nom de variable valide`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        if (value === undefined) return `${f} est obligatoire`;
        return `type d’étape inconnu ${quote(value)} (attendu : ${NODE_TYPES.join(', ')})`;
      }
      if (field === 'value') return 'la valeur doit être du texte, un nombre, un booléen ou une liste de ceux-ci';
      return issue.path.includes('when') ? 'la condition est mal formée' : `${f} est mal formé`;
    default:
      return `${f} est invalide`;
  }
}

// A union (a condition, an assignment source…) fails as a whole; the helpful part is the
// failure of the one option the author evidently meant. That is the option with no
// complaint about the object itself (a wrong type, stray keys) and the fewest issues; when
// none or several qualify, the union is reported as one problem.
function meant(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | null {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return null;
  const candidates = issue.errors.filter((errors) => errors.every((e) => e.path.length > 0));
  if (candidates.length === 0) return null;
  const fewest = Math.min(...candidates.map((c) => c.length));
  const best = candidates.filter((c) => c.length === fewest);
  if (best.length !== 1) return null;
  return best[0].map((e) => ({ ...e, path: [...issue.path, ...e.path] }) as z.core.$ZodIssue);
}

/** Adds one `schema` problem per zod issue (one per stray key), in French. */
export function addSchemaIssues(sink: ProblemSink, doc: unknown, issues: readonly z.core.$ZodIssue[]): void {
  const pending = [...issues];
  while (pending.length > 0) {
    const issue = pending.shift()!;
    const inner = meant(issue);
    if (inner) {
      pending.unshift(...inner);
      continue;
    }
    const path = issue.path as PathSegment[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        sink.add('schema', pointer(...path, key), `${owner(doc, path)} : le champ « ${key} » n’est pas permis ici`);
      }
      continue;
    }
    const message = describe(issue, at(doc, path), fieldOf(path));
    sink.add('schema', pointer(...path), `${owner(doc, path)} : ${message}`);
  }
}
