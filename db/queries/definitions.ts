// Queries on definitions and their published versions: the drafts people edit, the
// versions projects run (`definitionOf`, `definitionsOf`) and the labels those give roles
// and phases. Publishing is the one delicate write: versions are numbered max + 1 and
// subprocess calls are checked against every other published definition, so publishes are
// serialised by a transaction-scoped advisory lock (two concurrent publishes could otherwise
// take the same number, or each miss the other's call and close a cycle). Publishing is
// rare; one lock for all keys costs nothing.
import { sql, type Kysely } from 'kysely';
import type { Database, Db } from '../database';
import { toJson } from '../json';
import type { Definition } from '../../dsl/schema';
import { checkSubprocesses, validateForKey, type Problem } from '../../dsl/validate';

const PUBLISH_LOCK = 0x70617373; // "pass": any constant shared by every publisher

export async function listDefinitions(db: Db) {
  return db
    .selectFrom('definitions as d')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('definition_versions')
          .select(['key', (e) => e.fn.max('version').as('latest_version'), (e) => e.fn.max('published_at').as('latest_published_at')])
          .groupBy('key')
          .as('v'),
      (join) => join.onRef('v.key', '=', 'd.key'),
    )
    .select(['d.key', 'd.name', 'd.draft_updated_at', 'v.latest_version', 'v.latest_published_at'])
    .orderBy('d.key')
    .execute();
}

export async function findDefinition(db: Db, key: string) {
  const definition = await db.selectFrom('definitions').selectAll().where('key', '=', key).executeTakeFirst();
  if (!definition) return undefined;
  const versions = await db
    .selectFrom('definition_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .select(['v.version', 'v.published_at', 'v.published_by', 'u.name as published_by_name'])
    .where('v.key', '=', key)
    .orderBy('v.version', 'desc')
    .execute();
  return { ...definition, versions };
}

export async function findVersion(db: Db, key: string, version: number) {
  return db
    .selectFrom('definition_versions as v')
    .leftJoin('users as u', 'u.id', 'v.published_by')
    .selectAll('v')
    .select('u.name as published_by_name')
    .where('v.key', '=', key)
    .where('v.version', '=', version)
    .executeTakeFirst();
}

/** The newest published version of `key`, if any. */
export async function latestVersion(db: Db, key: string) {
  return db.selectFrom('definition_versions').selectAll().where('key', '=', key).orderBy('version', 'desc').executeTakeFirst();
}

function draftName(key: string, doc: unknown): string {
  const name = typeof doc === 'object' && doc !== null ? (doc as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() !== '' ? name.trim().slice(0, 200) : key;
}

export async function saveDraft(db: Db, key: string, doc: unknown, userId: string, now: Date) {
  const values = { name: draftName(key, doc), draft: toJson(doc), draft_updated_at: now, updated_by: userId };
  await db
    .insertInto('definitions')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

/** The latest published document of every key: what `subprocess` nodes run. */
export async function latestPublished(db: Kysely<Database>): Promise<Map<string, Definition>> {
  const rows = await db
    .selectFrom('definition_versions')
    .distinctOn('key')
    .select(['key', 'document'])
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
  // Only valid documents are ever published, so stored ones have the Definition shape.
  return new Map(rows.map((r) => [r.key, r.document as Definition]));
}

/** Why a draft was not published: none to publish, or its findings (errors, then warnings). */
export type PublishRefusal = { refusal: 'no-draft' } | { refusal: 'invalid'; errors: Problem[]; warnings: Problem[] };
const refused = (why: PublishRefusal) => ({ ok: false as const, ...why });

/** Publishes the current draft of `key` as the next version, unless there is none or it is invalid. */
export async function publishDraft(
  db: Db,
  key: string,
  userId: string,
  now: Date,
  inTransaction?: (trx: Db, published: { key: string; version: number }) => Promise<void>,
) {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${PUBLISH_LOCK})`.execute(trx);
    const definition = await trx.selectFrom('definitions').select(['draft']).where('key', '=', key).executeTakeFirst();
    if (!definition || definition.draft === null) return refused({ refusal: 'no-draft' });
    const doc = definition.draft;
    const validation = validateForKey(doc, key);
    if (!validation.valid) return refused({ refusal: 'invalid', errors: validation.errors, warnings: validation.warnings });
    const callProblems = checkSubprocesses(await latestPublished(trx), doc as Definition);
    if (callProblems.length > 0) return refused({ refusal: 'invalid', errors: callProblems, warnings: validation.warnings });

    const { latest } = await trx
      .selectFrom('definition_versions')
      .select((eb) => eb.fn.coalesce(eb.fn.max('version'), sql<number>`0`).as('latest'))
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('definition_versions')
      .values({ key, version: Number(latest) + 1, document: toJson(doc), published_by: userId, published_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    await inTransaction?.(trx, { key: row.key, version: row.version });
    const publisher = await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
    return { ok: true as const, row: { ...row, published_by_name: publisher?.name ?? null }, warnings: validation.warnings };
  });
}

/** The published version a project runs, as stored (only valid documents are published). */
export async function definitionOf(db: Db, key: string, version: number): Promise<Definition | undefined> {
  const row = await db
    .selectFrom('definition_versions')
    .select('document')
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.document as Definition | undefined;
}

/** The definition versions some projects run, keyed `key@version`, read in one query. */
export async function definitionsOf(db: Db, rows: Array<{ definition_key: string; definition_version: number }>) {
  const out = new Map<string, Definition>();
  const wanted = [...new Map(rows.map((r) => [`${r.definition_key}@${r.definition_version}`, r])).values()];
  if (wanted.length === 0) return out;
  const found = await db
    .selectFrom('definition_versions')
    .select(['key', 'version', 'document'])
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb('key', '=', w.definition_key), eb('version', '=', w.definition_version)]))))
    .execute();
  for (const row of found) out.set(`${row.key}@${row.version}`, row.document as Definition);
  return out;
}

/** A role's label in a definition; a key the definition lacks reads as itself (phases: dsl/labels). */
export function roleLabel(definition: Definition | undefined, key: string): string {
  return definition?.roles.find((r) => r.key === key)?.label ?? key;
}
