// Checks that validated input can be stored and processed: PostgreSQL refuses NUL in text
// and lone UTF-16 surrogates in jsonb, and deeply nested JSON overflows the stack of
// JSON.stringify and of recursive validators. Without this, such input would be a 500.
// The walk is iterative for the same reason.
import { pointer, type Problem } from '../dsl/problems';

/** Deeper than any real document (a process definition nests about 8 levels). */
export const MAX_JSON_DEPTH = 64;

// A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function findUnstorableJson(value: unknown, prefix = ''): Problem | undefined {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value, path: [], depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const where = prefix + pointer(...item.path);
    if (item.depth > MAX_JSON_DEPTH) {
      return { code: 'too_deep', path: where, message: `Le document est imbriqué sur plus de ${MAX_JSON_DEPTH} niveaux.` };
    }
    if (typeof item.value === 'string') {
      if (UNSTORABLE.test(item.value)) return unstorable(where);
    } else if (typeof item.value === 'object' && item.value !== null) {
      for (const [key, child] of Object.entries(item.value)) {
        if (UNSTORABLE.test(key)) return unstorable(prefix + pointer(...item.path, key));
        stack.push({ value: child, path: [...item.path, key], depth: item.depth + 1 });
      }
    }
  }
  return undefined;
}

function unstorable(path: string): Problem {
  return {
    code: 'invalid_characters',
    path,
    message: `Le champ « ${path} » contient un caractère interdit (caractère nul ou UTF-16 invalide).`,
  };
}
