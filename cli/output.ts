// What the commands share: exit codes, reading JSON files, printing validation problems.
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
  try {
    // Editors on Windows often save UTF-8 with a byte-order mark, which JSON.parse refuses.
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    return { ok: false, message: `${path} n’est pas un JSON valide : ${(error as Error).message}` };
  }
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
  (result.valid ? out.out : out.err)(lines.join('\n'));
}
