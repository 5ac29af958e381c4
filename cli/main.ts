// The Passerelle command line (spec section 8): `validate` and `simulate` on process files.
// Exit codes are part of the contract: 0 fine, 1 invalid document, 2 unreadable input or
// refused script. With --json, stdout carries only the JSON document. What the command
// answers (help, timelines, validation problems) goes to stdout; stderr only says why the
// command could not do its work.
import { parseArgs } from 'node:util';
import { runSimulate } from './simulate-command';
import { runValidate } from './validate-command';
import { EXIT_OK, EXIT_UNREADABLE, type Output } from './output';

const USAGE = `Usage :
  npm run -s passerelle -- validate <fichier> [--json]
  npm run -s passerelle -- simulate <fichier> [--script <fichier>] [--start <date ISO 8601>] [--json]
  npm run -s passerelle -- help [validate | simulate]`;

const EXIT_CODES = `Codes de sortie :
  0  document valide ; simulation déroulée, quel qu’en soit le résultat
  1  le document, ou un sous-processus lu à côté, a des erreurs (listées sur la sortie standard)
  2  fichier illisible ou JSON invalide, option ou commande inconnue, script refusé`;

const HELP: Record<'general' | 'validate' | 'simulate', string> = {
  general: `passerelle : valider et simuler des processus écrits dans le langage Passerelle
(passerelle.process/1, décrit dans docs/process-language.md).

${USAGE}

Commandes :
  validate   vérifie un document et liste toutes ses erreurs (code, pointeur JSON, message)
  simulate   déroule le processus sur une horloge virtuelle et affiche sa chronologie
  help       cette aide ; « help simulate » détaille le format du script

Option commune :
  --json     la sortie standard ne porte qu’un document JSON (pour l’intégration continue)

${EXIT_CODES}`,
  validate: `validate <fichier> [--json] : vérifie un document de processus.

Affiche chaque erreur et avertissement avec son code (schema, unknown_role, dead_end…),
un pointeur JSON vers l’endroit du document et un message. Avec --json :
  { "valid": true|false, "errors": [...], "warnings": [...] }

${EXIT_CODES}`,
  simulate: `simulate <fichier> [--script <fichier>] [--start <date-heure>] [--json]
Déroule le processus sur une horloge virtuelle et affiche la chronologie, phase par phase.

  --start    premier instant, en ISO 8601 (par exemple 2027-01-04T09:00:00+01:00) ;
             par défaut : maintenant
  --script   ce que fait chaque passage par une tâche, par exemple :
    { "input": { "nbJeunes": 12 },
      "tasks": { "revue": [ { "outcome": "changes_requested", "after": "P5D" },
                            { "outcome": "approved", "after": "P3D", "values": {} } ] } }
             input : les variables de départ ;
             tasks : par identifiant de nœud tâche (« <clé enfant>/<nœud> » pour une tâche
             d’un sous-processus), une liste : le n-ième passage prend la n-ième entrée,
             la dernière se répète. Une entrée : outcome (par défaut le premier de la tâche),
             after (durée ISO 8601 depuis l’ouverture ; par défaut tout de suite), values
             (les valeurs du formulaire). Une tâche que le script ne nomme pas se termine
             avec son premier résultat à son échéance.
  --json     { "result", "start", "end", "events": [{ "at", "type", "node", … }] }

Les sous-processus sont lus à côté du fichier, sous le nom <clé>.json ; sans fichier,
l’enfant se termine aussitôt.

${EXIT_CODES}`,
};

function isHelp(word: string | undefined): boolean {
  return word === 'help' || word === '--help' || word === '-h';
}

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
  // `help`, `--help`, `help simulate`, `simulate --help`: asked for, so on stdout and exit 0.
  if (isHelp(command) || ((command === 'validate' || command === 'simulate') && rest.some(isHelp))) {
    const topic = isHelp(command) ? rest[0] : command;
    if (topic !== undefined && topic !== 'validate' && topic !== 'simulate') {
      out.err(`help : commande inconnue « ${topic} ».\n${USAGE}`);
      return EXIT_UNREADABLE;
    }
    out.out(HELP[topic ?? 'general']);
    return EXIT_OK;
  }
  if (command === undefined) {
    out.err(`Aucune commande donnée.\n${USAGE}`);
    return EXIT_UNREADABLE;
  }
  if (command !== 'validate' && command !== 'simulate') {
    out.err(`Commande inconnue : « ${command} ». Les commandes sont validate et simulate.\n${USAGE}`);
    return EXIT_UNREADABLE;
  }
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
  if (positionals.length !== 1) {
    const problem = positionals.length === 0 ? `${command} attend un fichier.` : `${command} attend un seul fichier, pas ${positionals.length}.`;
    out.err(`${problem}\n${USAGE}`);
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
