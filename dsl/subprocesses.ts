// Checks against the children (spec 2 and 7), where they are known (publishing, simulate):
// a `subprocess` must name a definition the server holds, definitions must not call each
// other in a circle, and its `input` and `output` map variables the child declares, between
// types that can feed each other. They need the other definitions, so the API runs them
// when publishing and the CLI before simulating, after `validate` has accepted the document.
import { pointer, type Problem } from './problems';
import type { Definition, NodeOf, Variable } from './schema';
import { nodeName, quote } from './validate-messages';
import { feeds } from './values';

export type PublishedDefinitions = ReadonlyMap<string, Definition> | Readonly<Record<string, Definition>>;

function lookup(definitions: PublishedDefinitions, key: string): Definition | undefined {
  if (definitions instanceof Map) return definitions.get(key);
  const record = definitions as Readonly<Record<string, Definition>>;
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

const calls = (d: Definition) =>
  d.nodes.flatMap((n, index) => (n.type === 'subprocess' ? [{ node: n, index, key: n.process }] : []));

/**
 * Problems of `doc` against the published `definitions` (its own key there, if any, is
 * replaced by `doc`): `unknown_process` for a key with no definition, `subprocess_cycle`
 * for a call from which `doc` can be called again, itself included, and for the mappings
 * `unknown_variable` (a child variable the child does not declare) and `type_mismatch`.
 */
export function checkSubprocesses(definitions: PublishedDefinitions, doc: Definition): Problem[] {
  const problems: Problem[] = [];
  const find = (key: string) => (key === doc.key ? doc : lookup(definitions, key));
  for (const call of calls(doc)) {
    const path = pointer('nodes', call.index, 'process');
    const who = nodeName(call.node);
    if (!find(call.key)) {
      problems.push({ code: 'unknown_process', path, message: `${who} appelle le processus ${quote(call.key)}, qui n’est pas publié` });
      continue;
    }
    const circle = pathBack(call.key, doc.key, find);
    if (circle) {
      const chain = [doc.key, ...circle].map((k) => quote(k)).join(' → ');
      problems.push({ code: 'subprocess_cycle', path, message: `${who} crée un appel circulaire : ${chain}` });
    }
    problems.push(...mappingProblems(doc, call, find(call.key)!));
  }
  return problems;
}

const variableOf = (d: Definition, name: string): Variable | undefined => (d.variables ?? []).find((v) => v.name === name);

/** `input` is child ← parent, `output` parent ← child: each value must fit where it goes. */
function mappingProblems(doc: Definition, call: { node: NodeOf<'subprocess'>; index: number; key: string }, child: Definition): Problem[] {
  const problems: Problem[] = [];
  const who = nodeName(call.node);
  const sides = [
    { field: 'input', pairs: Object.entries(call.node.input ?? {}).map(([c, p]) => ({ at: c, child: c, parent: p, toChild: true })) },
    { field: 'output', pairs: Object.entries(call.node.output ?? {}).map(([p, c]) => ({ at: p, child: c, parent: p, toChild: false })) },
  ];
  for (const { field, pairs } of sides) {
    for (const pair of pairs) {
      const path = pointer('nodes', call.index, field, pair.at);
      const childVar = variableOf(child, pair.child);
      const parentVar = variableOf(doc, pair.parent);
      if (!childVar) {
        problems.push({ code: 'unknown_variable', path, message: `${who} : le processus ${quote(call.key)} ne déclare pas de variable ${quote(pair.child)}` });
        continue;
      }
      // An undeclared parent variable is already `validate`'s `unknown_variable`.
      if (!parentVar) continue;
      const [from, to] = pair.toChild ? [parentVar, childVar] : [childVar, parentVar];
      if (feeds(from, to)) continue;
      const side = (v: Variable, owner: string) => `« ${v.name} » (${v.type}${v.type === 'enum' ? ` ${JSON.stringify(v.options ?? [])}` : ''}) ${owner}`;
      const [fromOwner, toOwner] = pair.toChild ? ['du parent', `de ${quote(call.key)}`] : [`de ${quote(call.key)}`, 'du parent'];
      problems.push({
        code: 'type_mismatch',
        path,
        message: `${who} : la variable ${side(from, fromOwner)} ne peut pas alimenter ${side(to, toOwner)}`,
      });
    }
  }
  return problems;
}

/** The chain of keys from `from` to `target` along subprocess calls, or null (iterative BFS). */
function pathBack(from: string, target: string, find: (key: string) => Definition | undefined): string[] | null {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (key === target) {
      const chain: string[] = [];
      for (let k: string | null = key; k !== null; k = parent.get(k) ?? null) chain.unshift(k);
      return chain;
    }
    const definition = find(key);
    if (!definition) continue;
    for (const call of calls(definition)) {
      if (!parent.has(call.key)) {
        parent.set(call.key, key);
        queue.push(call.key);
      }
    }
  }
  return null;
}
