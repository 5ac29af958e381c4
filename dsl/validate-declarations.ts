// Checks on the declarations themselves: duplicate ids, keys and names (spec 1), the rules
// of a variable's own fields (enum options, default), and the warnings for declarations
// that nothing uses.
import { pointer } from './problems';
import { checkLiteral, typedVariable, type Context } from './validate-context';
import { quote } from './validate-messages';

type Named = { index: number };

function duplicates<T extends Named>(
  ctx: Context,
  list: 'nodes' | 'edges' | 'roles' | 'phases' | 'variables',
  items: T[] | null,
  field: string,
  idOf: (item: T) => string | null,
  what: string,
): void {
  const seen = new Set<string>();
  for (const item of items ?? []) {
    const id = idOf(item);
    if (id === null) continue;
    if (seen.has(id)) {
      ctx.sink.add('duplicate_id', pointer(list, item.index, field), `${what} ${quote(id)} est déclaré plusieurs fois`);
    }
    seen.add(id);
  }
}

export function checkDuplicates(ctx: Context): void {
  const { doc } = ctx;
  duplicates(ctx, 'roles', doc.roles, 'key', (r) => r.key, 'Le rôle');
  duplicates(ctx, 'phases', doc.phases, 'key', (p) => p.key, 'La phase');
  duplicates(ctx, 'variables', doc.variables, 'name', (v) => v.name, 'La variable');
  duplicates(ctx, 'nodes', doc.nodes, 'id', (n) => n.id, "L’identifiant d’étape");
  duplicates(ctx, 'edges', doc.edges, 'id', (e) => e.id, "L’identifiant de transition");
}

export function checkVariables(ctx: Context): void {
  for (const v of ctx.doc.variables ?? []) {
    const who = `La variable « ${v.name} »`;
    const at = (...rest: (string | number)[]) => pointer('variables', v.index, ...rest);
    const hasOptions = v.raw.options !== undefined;
    if (v.type === 'enum' && !hasOptions) {
      ctx.sink.add('schema', at('options'), `${who} : une variable enum doit lister ses valeurs (options)`);
    }
    if (v.type !== undefined && v.type !== 'enum' && hasOptions) {
      ctx.sink.add('schema', at('options'), `${who} : seule une variable enum peut avoir des options`);
    }
    const seen = new Set<string>();
    (v.options ?? []).forEach((option, k) => {
      if (seen.has(option)) ctx.sink.add('schema', at('options', k), `${who} : la valeur ${quote(option)} est en double`);
      seen.add(option);
    });
    const typed = typedVariable(v);
    if (typed && v.default !== undefined) checkLiteral(ctx, typed, v.default, at('default'), who);
  }
}

/**
 * Declarations nothing uses. A variable that is `required` or has a `default` counts as
 * used: it is deliberate start input (project data shown to people), even if no step reads it.
 */
export function addUnusedWarnings(ctx: Context, warn: (code: string, path: string, message: string) => void): void {
  const { doc, used } = ctx;
  for (const r of doc.roles ?? []) {
    if (!used.roles.has(r.key)) {
      warn('unused_role', pointer('roles', r.index), `Le rôle ${quote(r.label || r.key)} n’est utilisé par aucune étape`);
    }
  }
  for (const p of doc.phases ?? []) {
    if (!used.phases.has(p.key)) {
      warn('unused_phase', pointer('phases', p.index), `La phase ${quote(p.label || p.key)} n’est donnée à aucune étape`);
    }
  }
  for (const v of doc.variables ?? []) {
    if (used.variables.has(v.name) || v.required === true || v.default !== undefined) continue;
    warn(
      'unused_variable',
      pointer('variables', v.index),
      `La variable ${quote(v.name)} n’est utilisée nulle part (formulaire, condition, modèle, minuteur, affectation ou sous-processus)`,
    );
  }
}
