// The validator (spec section 7): every problem of a process definition at once, each with
// a stable code, a JSON pointer and a French message, plus warnings that do not block
// publishing. Shape comes from zod; everything zod cannot say is checked on a forgiving
// reading of the document (validate-model.ts), so one bad field never hides the rest.
// Publish-time checks against other definitions are in subprocesses.ts.
import { problemSink, type Problem, type ValidationResult } from './problems';
import { Definition } from './schema';
import { createContext } from './validate-context';
import { addUnusedWarnings, checkDuplicates, checkVariables } from './validate-declarations';
import { checkFlow } from './validate-flow';
import { addSchemaIssues } from './validate-messages';
import { readDocument } from './validate-model';
import { checkEdges, checkNodes } from './validate-references';

export type { Problem, ValidationResult } from './problems';
export { checkSubprocesses } from './subprocesses';

export function validate(doc: unknown): ValidationResult {
  const errors = problemSink();
  const warnings = problemSink();
  const parsed = Definition.safeParse(doc);
  if (!parsed.success) addSchemaIssues(errors, doc, parsed.error.issues);
  // Nothing else can be said about something that is not even an object.
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return result(errors.items, []);

  const loose = readDocument(doc, parsed.success ? parsed.data : null);
  const ctx = createContext(loose, errors);
  checkDuplicates(ctx);
  checkVariables(ctx);
  checkNodes(ctx);
  checkEdges(ctx);
  if (loose.nodes && loose.edges) checkFlow(loose.nodes, loose.edges, loose.idlessTypes, errors);
  addUnusedWarnings(ctx, warnings.add);
  return result(errors.items, warnings.items);
}

/**
 * `validate`, plus `key_mismatch` when the document's key is not the one it is stored or
 * found under (a definition's key on the server, a child file's name: spec 8). `under` says
 * where that key comes from, for the message.
 */
export function validateForKey(doc: unknown, key: string, under = 'celle de la définition'): ValidationResult {
  const checked = validate(doc);
  const docKey = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as { key?: unknown }).key : undefined;
  if (typeof docKey !== 'string' || docKey === key) return checked;
  const message = `La clé du document (« ${docKey} ») diffère de ${under} (« ${key} »).`;
  return result([...checked.errors, { code: 'key_mismatch', path: '/key', message }], checked.warnings);
}

function result(errors: Problem[], warnings: Problem[]): ValidationResult {
  return { valid: errors.length === 0, errors, warnings };
}
