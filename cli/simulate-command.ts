// `simulate <file> [--script f] [--start t] [--json]`: runs the definition on a virtual
// clock. Children named by `subprocess` nodes are read beside the file as `<key>.json`
// (absent: the child completes at once; holding another key: an invalid child); every
// document is validated before anything runs, and documents that call each other in a
// circle are refused (spec 7, `subprocess_cycle`).
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import type { ValidationResult } from '../dsl/problems';
import type { Definition } from '../dsl/schema';
import { SimulationScript } from '../dsl/simulation-script';
import { ScriptError, simulate } from '../dsl/simulator';
import { checkSubprocesses, validate, validateForKey } from '../dsl/validate';
import { isIsoDate } from '../dsl/values';
import { EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, printValidation, readJsonFile, type Output } from './output';
import { formatSimulation } from './simulation-text';

interface Options {
  json: boolean;
  script?: string;
  start?: string;
}

type Loaded = { ok: true; definitions: Map<string, Definition> } | { ok: false; code: number };

/** Reads the main document and, transitively, the children found beside it. */
function loadDefinitions(file: string, options: Options, out: Output): Loaded & { main?: Definition } {
  const definitions = new Map<string, Definition>();
  const pending: Array<{ path: string; expectedKey?: string }> = [{ path: file }];
  const loaded: Array<{ path: string; definition: Definition; result: ValidationResult }> = [];
  let main: Definition | undefined;
  while (pending.length > 0) {
    const { path, expectedKey } = pending.shift()!;
    const read = readJsonFile(path);
    if (!read.ok) {
      out.err(read.message);
      return { ok: false, code: EXIT_UNREADABLE };
    }
    // Spec 8: a child file `<key>.json` must hold that key; taking one that holds another
    // for "no child" would run the parent as if it had none.
    const result =
      expectedKey === undefined
        ? validate(read.value)
        : validateForKey(read.value, expectedKey, `celle que donne le nom du fichier ${basename(path)}`);
    if (!result.valid) {
      printValidation(path, result, options.json, out);
      return { ok: false, code: EXIT_INVALID };
    }
    const definition = read.value as Definition;
    main ??= definition;
    if (definitions.has(definition.key)) continue;
    definitions.set(definition.key, definition);
    loaded.push({ path, definition, result });
    for (const node of definition.nodes) {
      if (node.type !== 'subprocess' || definitions.has(node.process)) continue;
      const childPath = join(dirname(file), `${node.process}.json`);
      if (existsSync(childPath)) pending.push({ path: childPath, expectedKey: node.process });
    }
  }
  // Against the children found: a circle of calls would start children without end, and a
  // mapping between types that cannot feed each other would be refused once the run reaches
  // it. A key with no file beside is not an error here: that child completes at once.
  for (const { path, definition, result } of loaded) {
    const problems = checkSubprocesses(definitions, definition).filter((p) => p.code !== 'unknown_process');
    if (problems.length > 0) {
      printValidation(path, { valid: false, errors: problems, warnings: result.warnings }, options.json, out);
      return { ok: false, code: EXIT_INVALID };
    }
  }
  return { ok: true, definitions, main };
}

function parseStart(text: string | undefined): number | string {
  if (text === undefined) return Date.now();
  const example = '(par exemple 2027-01-04T09:00:00+01:00)';
  // A date-time, with or without offset; a bare date is taken as UTC midnight.
  if (!/^\d{4}-\d{2}-\d{2}(T.+)?$/.test(text)) return `--start : « ${text} » n’est pas une date-heure ISO 8601 ${example}.`;
  // The day must exist: Date.parse would read 2027-02-30 as 2 March.
  if (!isIsoDate(text.slice(0, 10))) return `--start : le jour ${text.slice(0, 10)} n’existe pas dans le calendrier.`;
  const at = Date.parse(text);
  return Number.isNaN(at) ? `--start : l’heure de « ${text} » n’est pas une heure ISO 8601 ${example}.` : at;
}

const SCRIPT_FIELDS = { script: 'input, tasks', entry: 'outcome, after, values' };
const EXPECTED: Record<string, string> = {
  object: 'un objet',
  record: 'un objet',
  array: 'une liste',
  string: 'un texte',
};

/** A zod issue of the script, in French, with where it is (a JSON pointer into the script). */
function scriptIssue(issue: z.core.$ZodIssue): string {
  const where = `/${issue.path.join('/')}`;
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.path.length === 0 ? SCRIPT_FIELDS.script : SCRIPT_FIELDS.entry;
    const keys = issue.keys.map((k) => `« ${k} »`).join(', ');
    return `  ${where} : champ inconnu ${keys} (champs permis : ${fields})`;
  }
  if (issue.code === 'invalid_type') return `  ${where} : il faut ici ${EXPECTED[issue.expected] ?? issue.expected}`;
  // Our own refinements (durations) already speak French.
  return `  ${where} : ${issue.message}`;
}

export function runSimulate(file: string, options: Options, out: Output): number {
  const start = parseStart(options.start);
  if (typeof start === 'string') {
    out.err(start);
    return EXIT_UNREADABLE;
  }
  let script: SimulationScript | undefined;
  if (options.script !== undefined) {
    const read = readJsonFile(options.script);
    if (!read.ok) {
      out.err(read.message);
      return EXIT_UNREADABLE;
    }
    const parsed = SimulationScript.safeParse(read.value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(scriptIssue);
      out.err(`Script ${options.script} invalide :\n${issues.join('\n')}`);
      return EXIT_UNREADABLE;
    }
    script = parsed.data;
  }
  const loaded = loadDefinitions(file, options, out);
  if (!loaded.ok) return loaded.code;
  const definition = loaded.main!;
  try {
    const simulation = simulate({
      definition,
      script,
      start,
      children: (key) => loaded.definitions.get(key),
    });
    out.out(options.json ? JSON.stringify(simulation, null, 2) : formatSimulation(simulation, loaded.definitions, definition));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ScriptError) {
      out.err(`Le script est refusé : ${error.message}`);
      return EXIT_UNREADABLE;
    }
    throw error;
  }
}
