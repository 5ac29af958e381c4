// The one database factory: PostgreSQL through `pg` when a URL is given, otherwise PGlite
// (Postgres in-process) in a data directory, both migrated to the latest schema.
import { mkdirSync } from 'node:fs';
import { Kysely, Migrator, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index';
import type { DefinitionTable, DefinitionVersionTable } from './tables/definition';
import type { EventTable } from './tables/event';
import type { MembershipTable } from './tables/membership';
import type { NotificationTable } from './tables/notification';
import type { OrganizationTable } from './tables/organization';
import type { ProjectTable } from './tables/project';
import type { ProjectParticipantTable } from './tables/project-participant';
import type { TaskTable } from './tables/task';
import type { UserTable } from './tables/user';
import type { ApiTokenTable } from './tables/api-token';
import type { IdempotencyKeyTable } from './tables/idempotency-key';
import type { LoginAttemptTable } from './tables/login-attempt';
import type { SessionTable } from './tables/session';

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  memberships: MembershipTable;
  definitions: DefinitionTable;
  definition_versions: DefinitionVersionTable;
  projects: ProjectTable;
  project_participants: ProjectParticipantTable;
  tasks: TaskTable;
  events: EventTable;
  notifications: NotificationTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  idempotency_keys: IdempotencyKeyTable;
}

export type Db = Kysely<Database>;

export type DatabaseOptions = { url: string } | { pgliteDir: string } | { memory: true };

async function dialectFor(options: DatabaseOptions): Promise<Dialect> {
  if ('url' in options) {
    return new PostgresDialect({ pool: new pg.Pool({ connectionString: options.url, max: 10 }) });
  }
  // Loaded only when used: production never pays for the embedded database.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
  ]);
  if ('memory' in options) return new PGliteDialect(new PGlite());
  mkdirSync(options.pgliteDir, { recursive: true });
  return new PGliteDialect(new PGlite(options.pgliteDir));
}

/** Opens the database and brings it to the latest schema. */
export async function createDatabase(options: DatabaseOptions): Promise<Db> {
  const db = new Kysely<Database>({ dialect: await dialectFor(options) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`la migration ${failed?.migrationName ?? ''} de la base a échoué : ${String(error)}`, { cause: error });
  }
}
