// The Passerelle command line (spec section 8): `validate` and `simulate` on process files.
// Exit codes are part of the contract: 0 fine, 1 invalid document, 2 unreadable input or
// refused script. With --json, stdout carries only the JSON document.
import { parseArgs } from 'node:util';
import { runSimulate } from './simulate-command';
import { runValidate } from './validate-command';
import { EXIT_UNREADABLE, type Output } from './output';

const USAGE = `Usage :
  npm run -s passerelle -- validate <fichier> [--json]
  npm run -s passerelle -- simulate <fichier> [--script <fichier>] [--start <date ISO 8601>] [--json]`;

// parseArgs speaks English; people read French. Its messages quote the option first.
function argumentProblem(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Option inconnue : ${option}`;
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(error.message) ? `${option} ne prend pas de valeur.` : `${option} attend une valeur.`;
  }
  return error.message;
}

function main(argv: string[], out: Output): number {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        script: { type: 'string' },
        start: { type: 'string' },
      },
    });
  } catch (error) {
    out.err(`${argumentProblem(error as Error & { code?: string })}\n${USAGE}`);
    return EXIT_UNREADABLE;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || (command !== 'validate' && command !== 'simulate')) {
    out.err(USAGE);
    return EXIT_UNREADABLE;
  }
  if (command === 'validate') {
    if (values.script !== undefined || values.start !== undefined) {
      out.err(`validate ne prend ni --script ni --start.\n${USAGE}`);
      return EXIT_UNREADABLE;
    }
    return runValidate(positionals[0], { json: values.json }, out);
  }
  return runSimulate(positionals[0], { json: values.json, script: values.script, start: values.start }, out);
}

const output: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

process.exitCode = main(process.argv.slice(2), output);
