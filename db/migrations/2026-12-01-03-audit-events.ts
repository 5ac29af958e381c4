// The audit trail: one append-only row per decision (task completion, publish, project
// start and cancel, bindings, user and organization changes, token creation and
// revocation): who, on behalf of which organization, when, what, before and after. A
// trigger refuses UPDATE, DELETE and TRUNCATE, so not even a bug in the API can rewrite
// history. `users.anonymised_at` marks an account replaced by a pseudonym: audit rows keep
// the user id and show the user's current (pseudonymous) name.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The order of the trail: `at` alone ties when two rows land in the same tick (PGlite's
    // clock counts milliseconds), so pages and "newest first" follow this sequence.
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity().unique().notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('organization_id', 'uuid', (c) => c.references('organizations.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('project_id', 'uuid')
    .addColumn('subject', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_events_project_idx').on('audit_events').columns(['project_id', 'seq desc']).execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_user_id', 'seq desc']).execute();
  await db.schema.createIndex('audit_events_organization_idx').on('audit_events').columns(['organization_id', 'seq desc']).execute();
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db);
  await sql`create trigger audit_events_no_update before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);

  await db.schema.alterTable('users').addColumn('anonymised_at', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('anonymised_at').execute();
  await db.schema.dropTable('audit_events').execute();
  await sql`drop function audit_events_append_only()`.execute(db);
}
