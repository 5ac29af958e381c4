// The one database factory: PostgreSQL through `pg` when a URL is given, otherwise PGlite
// (Postgres in-process) in a data directory, both migrated to the latest schema.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
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
import type { AuditEventTable } from './tables/audit-event';

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
  audit_events: AuditEventTable;
}

export type Db = Kysely<Database>;

export type DatabaseOptions = { url: string } | { pgliteDir: string } | { memory: true };

// Plain JavaScript run by `node` itself: argv is the data folder, then PGlite's start parameters.
const INITDB = `
import { PGlite } from '@electric-sql/pglite';
const [dir, ...startParams] = process.argv.slice(1);
await new PGlite(dir, { startParams }).close();
`;

async function dialectFor(options: DatabaseOptions): Promise<Dialect> {
  if ('url' in options) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      // An unreachable server must fail a request in seconds (the API answers 503, an
      // activity retries), never leave it waiting on a connection that will not come.
      connectionTimeoutMillis: Number(process.env.DATABASE_CONNECT_TIMEOUT_MS ?? 5_000),
      query_timeout: Number(process.env.DATABASE_QUERY_TIMEOUT_MS ?? 60_000),
      keepAlive: true,
    });
    // An idle connection that breaks (server restarted, network cut) is dropped from the
    // pool; without a listener its error would end the process.
    pool.on('error', (error) => console.warn(`database connection lost: ${error.message}`));
    // The same for a connection checked out between two queries (a transaction waiting on
    // an e-mail or on Temporal): its next query fails instead, and that one is handled.
    pool.on('connect', (client) => client.on('error', (error) => console.warn(`database connection lost: ${error.message}`)));
    return new PostgresDialect({ pool });
  }
  // Loaded only when used: production never pays for the embedded database.
  const [{ PGlite }, { PGliteDialect }, { pg_trgm }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
    import('@electric-sql/pglite/contrib/pg_trgm'), // the title search's index
  ]);
  // PGlite's default 128 MB of shared buffers stay resident in its WebAssembly memory; an
  // embedded installation's data fits in far less, and 16 MB takes about 130 MB off the
  // process at rest (measured: 301 → 173 MiB for PGlite alone on an existing data folder).
  const settings = { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'], extensions: { pg_trgm } };
  if ('memory' in options) return new PGliteDialect(new PGlite(settings));
  if (!existsSync(join(options.pgliteDir, 'PG_VERSION'))) {
    // Creating a data folder (initdb) takes PGlite to ~700 MiB; even a throwaway instance,
    // closed and collected, left ~230 MiB of freed but fragmented native memory in the
    // process for good. A short-lived child process does it, and the one we keep starts small.
    mkdirSync(options.pgliteDir, { recursive: true });
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', INITDB, options.pgliteDir, ...settings.startParams], {
      cwd: fileURLToPath(new URL('.', import.meta.url)),
    });
  }
  return new PGliteDialect(new PGlite(options.pgliteDir, settings));
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
