// The built web application for `npm start` and the browser tests: dist/web, rebuilt with
// Vite when it is missing or older than any of its sources (designer/, dsl/, the lock file).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
export const WEB_APP_DIR = join(ROOT, 'dist', 'web');
const SOURCES = [join(ROOT, 'designer'), join(ROOT, 'dsl'), join(ROOT, 'templates'), join(ROOT, 'package-lock.json')];

async function newestChange(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, await newestChange(join(path, entry)));
  }
  return newest;
}

export async function isWebAppStale(): Promise<boolean> {
  const built = await stat(join(WEB_APP_DIR, 'index.html')).catch(() => undefined);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map(newestChange));
  return Math.max(...sources) > built.mtimeMs;
}

/** Builds the application when stale; returns the folder to serve. */
export async function ensureWebAppBuilt(log: (line: string) => void = () => {}): Promise<string> {
  if (await isWebAppStale()) {
    log('Construction de l’application web (designer/ → dist/web)…');
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'designer', 'vite.config.ts'), logLevel: 'warn' });
  }
  return WEB_APP_DIR;
}
