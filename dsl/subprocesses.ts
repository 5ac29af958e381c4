// Publish-time checks (spec 7): a `subprocess` must name a definition the server holds, and
// definitions must not call each other in a circle. They need the other definitions, so the
// API runs them when publishing, after `validate` has accepted the document.
import { pointer, type Problem } from './problems';
import type { Definition } from './schema';
import { nodeName, quote } from './validate-messages';

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
 * replaced by `doc`): `unknown_process` for a key with no definition, and
 * `subprocess_cycle` for a call from which `doc` can be called again, itself included.
 */
export function checkSubprocesses(definitions: PublishedDefinitions, doc: Definition): Problem[] {
  const problems: Problem[] = [];
  const find = (key: string) => (key === doc.key ? doc : lookup(definitions, key));
  for (const call of calls(doc)) {
    const path = pointer('nodes', call.index, 'process');
    const who = nodeName(call.node);
    if (!find(call.key)) {
      problems.push({ code: 'unknown_process', path, message: `${who} appelle le processus ${quote(call.key)}, qui n'est pas publié` });
      continue;
    }
    const circle = pathBack(call.key, doc.key, find);
    if (circle) {
      const chain = [doc.key, ...circle].map((k) => quote(k)).join(' → ');
      problems.push({ code: 'subprocess_cycle', path, message: `${who} crée un appel circulaire : ${chain}` });
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
