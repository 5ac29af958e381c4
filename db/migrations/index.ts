// Every migration, in order. Listed by hand (not read from the file system) so the same
// list works under tsx, vitest and a bundle. Add new ones at the end, never edit old ones.
import type { Migration } from 'kysely';
import * as directory from './2026-11-24-01-directory';

export const migrations: Record<string, Migration> = {
  '2026-11-24-01-directory': directory,
};
