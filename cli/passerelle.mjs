// Launcher for `npm run passerelle`: runs the CLI from a bundle, rebuilt whenever a source
// under cli/ or dsl/ is newer than it. Loading TypeScript through tsx costs about half a
// second a run; the bundle starts in about a tenth, which matters to people who call the
// CLI from their own CI. No build step to remember: the first run builds it.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, 'cli', 'main.ts');
const bundle = join(root, 'node_modules', '.cache', 'passerelle', 'cli.mjs');

function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  for (const dir of ['cli', 'dsl']) {
    for (const name of readdirSync(join(root, dir))) {
      newest = Math.max(newest, statSync(join(root, dir, name)).mtimeMs);
    }
  }
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

if (bundleTime() < newestSource()) {
  const { build } = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  // Written aside then renamed, so two runs building at once never load half a file.
  const partial = `${bundle}.${process.pid}.tmp`;
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: partial, logLevel: 'error' });
  renameSync(partial, bundle);
}

await import(pathToFileURL(bundle).href);
