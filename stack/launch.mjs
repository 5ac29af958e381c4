// `npm start`: runs stack/start.ts from a bundle, node_modules/.cache/passerelle/start.mjs,
// built by esbuild (our sources in one file, packages left to Node) on the first start and
// again whenever one of the files it was built from changed. Loading the TypeScript through
// tsx at run time kept ~70 MiB more resident for the life of the server (tsx's loader
// thread and its compiled modules: 385–412 MiB at rest on the embedded stack, 313–343 from
// the bundle). Plain JavaScript, since nothing compiles TypeScript before it runs.
// Stack traces name the bundle's lines (each file's code follows a `// <path>` comment);
// NODE_OPTIONS=--enable-source-maps maps them to the TypeScript through start.mjs.map, at
// the price of ~11 MiB of heap, which is why it is not on by default.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, 'stack', 'start.ts');
const bundle = join(root, 'node_modules', '.cache', 'passerelle', 'start.mjs');
// What changes the output besides the sources esbuild reads (listed in its metafile).
const BUILD_FILES = ['stack/launch.mjs', 'tsconfig.json', 'package.json', 'node_modules/esbuild/package.json'];
const MANIFEST = '\n// passerelle-bundle ';

/** Hash of the files (relative to the root), or undefined when one of them is gone. */
function hashOf(files) {
  const hash = createHash('sha256').update(root);
  try {
    for (const file of [...BUILD_FILES, ...files]) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** The bundle's last line names its inputs and their hash: fresh when they still match. */
function isFresh() {
  let text;
  try {
    text = readFileSync(bundle, 'utf8');
  } catch {
    return false;
  }
  const at = text.lastIndexOf(MANIFEST);
  if (at < 0) return false;
  const { hash, files } = JSON.parse(text.slice(at + MANIFEST.length));
  return hash === hashOf(files);
}

// Each module's import.meta.url, dirname and filename, which our code uses to find the tree
// (templates/, dist/web, node_modules/.cache), keep naming its own source file, not the bundle.
const importMetaOfSource = {
  name: 'import-meta-of-source',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8')
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents: source, loader: 'ts' };
    });
  },
};

async function buildBundle() {
  const esbuild = await import('esbuild');
  try {
    const result = await esbuild.build({
      entryPoints: [entry],
      absWorkingDir: root,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      write: false,
      sourcemap: 'linked',
      sourcesContent: false,
      charset: 'utf8',
      metafile: true,
      logLevel: 'error',
      plugins: [importMetaOfSource],
    });
    const files = Object.keys(result.metafile.inputs).sort();
    const manifest = `${MANIFEST}${JSON.stringify({ hash: hashOf(files), files })}\n`;
    mkdirSync(dirname(bundle), { recursive: true });
    // Written aside then renamed, so two starts building at once never load half a file.
    for (const output of result.outputFiles) {
      const partial = `${output.path}.${process.pid}.tmp`;
      writeFileSync(partial, output.path === bundle ? output.text + manifest : output.text);
      renameSync(partial, output.path);
    }
  } finally {
    await esbuild.stop(); // Its service process would otherwise live as long as the server.
  }
}

if (!isFresh()) {
  try {
    await buildBundle();
  } catch (error) {
    // esbuild has already printed its errors, with their file and line.
    const why = error.errors ? 'erreurs ci-dessus' : error.message;
    console.error(`Passerelle n'a pas pu démarrer : ${relative(root, entry)} n'a pas pu être compilé (${why}).`);
    process.exit(1);
  }
}
// --build-only: only that (the bench's warm install, or a step of an image's build).
if (!process.argv.includes('--build-only')) await import(pathToFileURL(bundle).href);
