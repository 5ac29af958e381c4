// What the commands share: exit codes, reading JSON files, printing validation problems.
// Everything people read is in French, Node's and zod's English included.
import { readFileSync } from 'node:fs';
import type { ValidationResult } from '../dsl/problems';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_UNREADABLE = 2;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export type ReadResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads and parses a JSON file; the message says which file and what went wrong. */
export function readJsonFile(path: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'fichier introuvable' : code === 'EISDIR' ? 'c’est un dossier' : (error as Error).message;
    return { ok: false, message: `Impossible de lire ${path} : ${reason}` };
  }
  // Editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse refuses.
  const json = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    return { ok: false, message: `${path} n’est pas un JSON valide : ${jsonProblem(json, (error as Error).message)}` };
  }
}

/**
 * JSON.parse's message, in French and with a line and column. Node says where in a character
 * offset ("at position 16"; Node 22 adds the line, Node 20 does not), or nothing when the
 * text stops early: both become a place people can find in their editor.
 */
export function jsonProblem(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message);
  const at = position ? Number(position[1]) : text.length;
  const before = text.slice(0, at).split('\n');
  const where = `ligne ${before.length}, colonne ${before[before.length - 1].length + 1}`;
  if (!position || at >= text.length) return `le texte s’arrête avant la fin du JSON (${where}).`;
  const found = /after JSON/.test(message) ? 'du texte après la fin du JSON' : `caractère inattendu « ${text[at]} »`;
  return `${found} (${where}).`;
}

export function printValidation(file: string, result: ValidationResult, json: boolean, out: Output): void {
  if (json) {
    out.out(JSON.stringify(result, null, 2));
    return;
  }
  const lines = [
    result.valid ? `${file} : définition valide.` : `${file} : ${result.errors.length} erreur(s).`,
    ...result.errors.map((p) => `  ${'erreur'.padEnd(13)}  ${p.code.padEnd(22)} ${p.path || '/'}  ${p.message}`),
    ...result.warnings.map((p) => `  avertissement  ${p.code.padEnd(22)} ${p.path || '/'}  ${p.message}`),
  ];
  // On standard output either way: the problems are the command's answer, not a failure of
  // the command (which the exit code says), so `> rapport.txt` keeps them.
  out.out(lines.join('\n'));
}
