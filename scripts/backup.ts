// `npm run backup -- <folder>`: copies the embedded stack's state (PGlite's `pg/` and the
// Temporal dev server's `temporal.db`) from PASSERELLE_DATA_DIR (default ./data) into a new
// folder, with a manifest. Both are copied while the stack is stopped, so the read model
// and the workflow histories are from the same instant; a running stack is refused.
// `--force` goes ahead when only a stale PGlite lock (a killed stack) stands in the way.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataFolder, fail, folderInUse, sha256File as sha256, TEMPORAL_FILES } from '../stack/data-folder';

export const BACKUP_FORMAT = 'passerelle.backup/1';


function main(argv: string[]) {
  const force = argv.includes('--force');
  const target = argv.find((a) => !a.startsWith('--'));
  if (!target) fail('Usage : npm run backup -- <dossier de sauvegarde> [--force]');
  const source = dataFolder();
  const destination = resolve(target);
  if (!existsSync(join(source, 'pg')) || !existsSync(join(source, 'temporal.db'))) {
    fail(`Rien à sauvegarder : ${source} ne contient pas pg/ et temporal.db (PASSERELLE_DATA_DIR).`);
  }
  const busy = folderInUse(source);
  if (busy && !(busy.forceable && force)) {
    fail(`Sauvegarde refusée : Passerelle semble tourner sur ${source} (${busy.reason}). Arrêtez-la (Ctrl-C) puis recommencez${busy.forceable ? ', ou ajoutez --force si elle est bien arrêtée' : ''}.`);
  }
  if (existsSync(destination) && readdirSync(destination).length > 0) fail(`Sauvegarde refusée : ${destination} existe et n’est pas vide.`);
  mkdirSync(destination, { recursive: true });
  cpSync(join(source, 'pg'), join(destination, 'pg'), { recursive: true });
  const temporal = TEMPORAL_FILES.filter((f) => existsSync(join(source, f)));
  for (const file of temporal) cpSync(join(source, file), join(destination, file));
  const manifest = {
    format: BACKUP_FORMAT,
    created_at: new Date().toISOString(),
    source,
    files: Object.fromEntries(temporal.map((f) => [f, sha256(join(destination, f))])),
  };
  writeFileSync(join(destination, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`Sauvegarde écrite dans ${destination} (base embarquée et Temporal, même instant).`);
}

main(process.argv.slice(2));
