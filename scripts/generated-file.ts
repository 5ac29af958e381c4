// What every generator in scripts/ does with its output: write it, or with `--check` say in
// French that the committed file is stale and exit 1 (for CI; the tests check it too).
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';

export async function writeOrCheck(file: string, generated: string, command: string): Promise<void> {
  const name = relative(process.cwd(), file);
  if (process.argv.includes('--check')) {
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current !== generated) {
      console.error(`${name} n’est plus à jour : lancez \`${command}\`.`);
      process.exit(1);
    }
    return;
  }
  await writeFile(file, generated);
  console.log(`écrit : ${name}`);
}
