// What the declaration and reference checks share: the declared roles, phases and
// variables, the problem sink, and what has been used (for the unused-declaration warnings).
import { checkValue } from './values';
import type { ProblemSink } from './problems';
import { VARIABLE_TYPES, type Variable } from './schema';
import type { LooseDocument, LooseVariable } from './validate-model';

export type Context = {
  doc: LooseDocument;
  sink: ProblemSink;
  /** Null when the list is unreadable: then nothing is reported as unknown against it. */
  roles: Set<string> | null;
  phases: Set<string> | null;
  variables: Map<string, LooseVariable> | null;
  used: { roles: Set<string>; phases: Set<string>; variables: Set<string> };
};

export function createContext(doc: LooseDocument, sink: ProblemSink): Context {
  const variables = doc.variables && new Map<string, LooseVariable>();
  for (const v of doc.variables ?? []) if (!variables!.has(v.name)) variables!.set(v.name, v);
  return {
    doc,
    sink,
    roles: doc.roles && new Set(doc.roles.map((r) => r.key)),
    phases: doc.phases && new Set(doc.phases.map((p) => p.key)),
    variables,
    used: { roles: new Set(), phases: new Set(), variables: new Set() },
  };
}

export function useRole(ctx: Context, key: string, path: string, who: string): void {
  ctx.used.roles.add(key);
  if (ctx.roles && !ctx.roles.has(key)) {
    ctx.sink.add('unknown_role', path, `${who} : le rôle « ${key} » n’est pas déclaré`);
  }
}

export function usePhase(ctx: Context, key: string, path: string, who: string): void {
  ctx.used.phases.add(key);
  if (ctx.phases && !ctx.phases.has(key)) {
    ctx.sink.add('unknown_phase', path, `${who} : la phase « ${key} » n’est pas déclarée`);
  }
}

/**
 * Marks a variable used and reports it when undeclared. Returns it only when its type can
 * be trusted for type checks (a known type, and options for an enum), so that one broken
 * declaration does not turn every use of it into a `type_mismatch`.
 */
export function useVariable(ctx: Context, name: string, path: string, who: string): Variable | undefined {
  ctx.used.variables.add(name);
  if (!ctx.variables) return undefined;
  const v = ctx.variables.get(name);
  if (!v) {
    ctx.sink.add('unknown_variable', path, `${who} : la variable « ${name} » n’est pas déclarée`);
    return undefined;
  }
  return typedVariable(v);
}

export function typedVariable(v: LooseVariable): Variable | undefined {
  if (!v.type || !VARIABLE_TYPES.includes(v.type)) return undefined;
  if (v.type === 'enum' && (!v.options || v.options.length === 0)) return undefined;
  return { name: v.name, type: v.type, options: v.options };
}

/** Reports a literal that does not fit `variable`; true when it fits. */
export function checkLiteral(ctx: Context, variable: Variable, value: unknown, path: string, who: string): boolean {
  const problem = checkValue(variable, value);
  if (problem === null) return true;
  ctx.sink.add(
    'type_mismatch',
    path,
    `${who} : la valeur ${JSON.stringify(value)} ne convient pas à la variable « ${variable.name} » (${problem})`,
  );
  return false;
}
