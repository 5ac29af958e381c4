// `npm run admin -- create <e-mail> [--name <nom>]` and `npm run admin -- promote <e-mail>`:
// makes an administrator from the command line, for an installation where nobody can sign
// in as one any more (the API refuses to remove the last one, but a database restored or
// filled by hand may have none). `create` asks for a password on a terminal, or generates
// one (printed once) when none is typed or when not run from a terminal; `promote` gives
// the administrator right to an existing account, and a generated password when the
// account had none (a disabled account could not sign in).
// Database: DATABASE_URL, else the embedded PGlite in $PASSERELLE_DATA_DIR/pg (default
// ./data/pg; stop `npm start` first, an embedded database has one process at a time).
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword } from '../api/auth/password';
import { randomSecret } from '../api/auth/secrets';
import { createDatabase, type Db } from '../db/database';

const USAGE = `Usage :
  npm run admin -- create <e-mail> [--name "Prénom Nom"]   crée un compte administrateur
  npm run admin -- promote <e-mail>                         rend administrateur un compte existant`;

const MIN_PASSWORD = 10;
const MAX_PASSWORD = 256;

/** A command line that cannot be run: the message and the usage, exit code 2. */
class UsageError extends Error {}
/** A command that cannot be done on this database: the message, exit code 1. */
class Refused extends Error {}

const generatedPassword = () => randomSecret(18);

function parseEmail(raw: string | undefined): string {
  const parsed = z.email().max(320).safeParse(raw?.trim());
  if (!parsed.success) throw new UsageError(`Adresse e-mail invalide : ${raw ?? '(aucune)'}.`);
  return parsed.data.toLowerCase();
}

/** Reads a line from the terminal without echoing it. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolvePromise(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new Refused('Interrompu.'));
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The typed password (asked twice), or undefined to generate one. */
async function askPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const first = await readHidden(`Mot de passe (${MIN_PASSWORD} caractères au moins ; laissez vide pour en générer un) : `);
  if (first === '') return undefined;
  if (first.length < MIN_PASSWORD || first.length > MAX_PASSWORD) {
    throw new Refused(`Le mot de passe doit compter de ${MIN_PASSWORD} à ${MAX_PASSWORD} caractères.`);
  }
  if ((await readHidden('Confirmez le mot de passe : ')) !== first) throw new Refused('Les deux saisies diffèrent.');
  return first;
}

async function create(db: Db, email: string, name: string | undefined): Promise<void> {
  const existing = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw new Refused(`Un compte existe déjà pour ${email} : utilisez npm run admin -- promote ${email}`);
  const typed = await askPassword();
  const password = typed ?? generatedPassword();
  await db
    .insertInto('users')
    .values({ email, name: name?.trim() || email.split('@')[0], password_hash: await hashPassword(password), is_admin: true })
    .execute();
  console.log(`Administrateur créé : ${email}`);
  if (typed === undefined) console.log(`Mot de passe : ${password}\n(affiché une seule fois ; gardez-le en lieu sûr)`);
}

async function promote(db: Db, email: string): Promise<void> {
  const user = await db.selectFrom('users').select(['id', 'is_admin', 'password_hash']).where('email', '=', email).executeTakeFirst();
  if (!user) throw new Refused(`Aucun compte pour ${email} : utilisez npm run admin -- create ${email}`);
  const password = user.password_hash === null ? generatedPassword() : undefined;
  await db
    .updateTable('users')
    .set({ is_admin: true, ...(password === undefined ? {} : { password_hash: await hashPassword(password) }) })
    .where('id', '=', user.id)
    .execute();
  console.log(user.is_admin ? `${email} était déjà administrateur.` : `${email} est maintenant administrateur.`);
  if (password !== undefined) {
    console.log(`Ce compte était désactivé (sans mot de passe). Nouveau mot de passe : ${password}\n(affiché une seule fois ; gardez-le en lieu sûr)`);
  }
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { name: { type: 'string' } } });
  } catch (error) {
    throw new UsageError(error instanceof Error ? `Option inconnue ou incomplète (${error.message}).` : String(error));
  }
  const [command, rawEmail, ...extra] = parsed.positionals;
  if ((command !== 'create' && command !== 'promote') || extra.length > 0) throw new UsageError('Commande inconnue.');
  if (command === 'promote' && parsed.values.name !== undefined) throw new UsageError('--name ne sert qu’avec create.');
  const email = parseEmail(rawEmail);

  const url = process.env.DATABASE_URL;
  const dataDir = resolve(process.env.PASSERELLE_DATA_DIR ?? './data');
  const db = await createDatabase(url ? { url } : { pgliteDir: join(dataDir, 'pg') });
  try {
    if (command === 'create') await create(db, email, parsed.values.name);
    else await promote(db, email);
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof Refused) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
