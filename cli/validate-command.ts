// `validate <file> [--json]`: 0 valid, 1 errors, 2 unreadable or not JSON.
import { validate } from '../dsl/validate';
import { EXIT_INVALID, EXIT_OK, EXIT_UNREADABLE, printValidation, readJsonFile, type Output } from './output';

export function runValidate(file: string, options: { json: boolean }, out: Output): number {
  const read = readJsonFile(file);
  if (!read.ok) {
    out.err(read.message);
    return EXIT_UNREADABLE;
  }
  const result = validate(read.value);
  printValidation(file, result, options.json, out);
  return result.valid ? EXIT_OK : EXIT_INVALID;
}
