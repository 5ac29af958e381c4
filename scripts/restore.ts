// `npm run restore -- <folder>`: puts a backup written by `npm run backup` back into
// PASSERELLE_DATA_DIR (default ./data), the database and the Temporal state together.
// Refused while a stack runs on that folder; a folder that already holds state is refused
// too unless `--force`, which first moves the old state aside (never deletes it).
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataFolder, fail, folderInUse, sha256File as sha256, TEMPORAL_FILES } from '../stack/data-folder';


function main(argv: string[]) {
  const force = argv.includes('--force');
  const source = argv.find((a) => !a.startsWith('--'));
  if (!source) fail('Usage : npm run restore -- <dossier de sauvegarde> [--force]');
  const backup = resolve(source);
  const manifestFile = join(backup, 'manifest.json');
  if (!existsSync(manifestFile)) fail(`Restauration refusée : ${backup} n’est pas une sauvegarde de Passerelle (manifest.json absent).`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { format?: string; files?: Record<string, string> };
  if (manifest.format !== 'passerelle.backup/1') fail(`Restauration refusée : format de sauvegarde inconnu (${manifest.format}).`);
  for (const [file, hash] of Object.entries(manifest.files ?? {})) {
    if (!existsSync(join(backup, file)) || sha256(join(backup, file)) !== hash) fail(`Restauration refusée : ${file} est absent ou altéré dans la sauvegarde.`);
  }
  if (!existsSync(join(backup, 'pg')) || !manifest.files?.['temporal.db']) fail('Restauration refusée : la sauvegarde est incomplète (pg/ ou temporal.db).');

  const target = dataFolder();
  const busy = folderInUse(target);
  if (busy && !(busy.forceable && force)) {
    fail(`Restauration refusée : Passerelle semble tourner sur ${target} (${busy.reason}). Arrêtez-la d’abord.`);
  }
  const existing = ['pg', ...TEMPORAL_FILES].filter((f) => existsSync(join(target, f)));
  if (existing.length > 0) {
    if (!force) fail(`Restauration refusée : ${target} contient déjà des données (${existing.join(', ')}). Choisissez un dossier vide (PASSERELLE_DATA_DIR) ou ajoutez --force pour les mettre de côté.`);
    const aside = join(target, `avant-restauration-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(aside, { recursive: true });
    for (const f of existing) renameSync(join(target, f), join(aside, f));
    console.log(`Anciennes données mises de côté dans ${aside}.`);
  }
  mkdirSync(target, { recursive: true });
  cpSync(join(backup, 'pg'), join(target, 'pg'), { recursive: true });
  for (const file of Object.keys(manifest.files)) cpSync(join(backup, file), join(target, file));
  console.log(`Sauvegarde restaurée dans ${target}. Lancez npm start.`);
}

main(process.argv.slice(2));
