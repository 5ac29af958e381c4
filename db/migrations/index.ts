// Every migration, in order. Listed by hand (not read from the file system) so the same
// list works under tsx, vitest and a bundle. Add new ones at the end, never edit old ones.
import type { Migration } from 'kysely';
import * as directory from './2026-11-24-01-directory';
import * as projects from './2026-11-24-02-projects';
import * as sessions from './2026-11-24-03-sessions';
import * as blockedProjects from './2026-12-01-01-blocked-projects';
import * as readModelIndexes from './2026-12-01-02-read-model-indexes';
import * as auditEvents from './2026-12-01-03-audit-events';
import * as searchAndInboxIndexes from './2026-12-01-04-search-and-inbox-indexes';

export const migrations: Record<string, Migration> = {
  '2026-11-24-01-directory': directory,
  '2026-11-24-02-projects': projects,
  '2026-11-24-03-sessions': sessions,
  '2026-12-01-01-blocked-projects': blockedProjects,
  '2026-12-01-02-read-model-indexes': readModelIndexes,
  '2026-12-01-03-audit-events': auditEvents,
  '2026-12-01-04-search-and-inbox-indexes': searchAndInboxIndexes,
};
