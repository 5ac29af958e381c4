// Organizations of the directory: the list (all of them, or only some ids), one by id, the
// ids among some that exist, and the writes. Names are unique: a duplicate is the unique
// violation the caller maps (api/unique-violation.ts).
import type { Db } from '../database';
import type { NewOrganization, OrganizationKind, OrganizationUpdate } from '../tables/organization';

export interface OrganizationFilters {
  /** Only these organizations (an empty list matches none). */
  ids?: string[];
  kind?: OrganizationKind;
  academie?: string;
}

/** Organizations by name. */
export async function listOrganizations(db: Db, filters: OrganizationFilters) {
  if (filters.ids?.length === 0) return [];
  let query = db.selectFrom('organizations').selectAll().orderBy('name');
  if (filters.ids) query = query.where('id', 'in', filters.ids);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.academie) query = query.where('academie', '=', filters.academie);
  return query.execute();
}

export async function findOrganization(db: Db, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Which of `ids` name an organization. */
export async function existingOrganizationIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('organizations').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertOrganization(db: Db, organization: NewOrganization) {
  return db.insertInto('organizations').values(organization).returningAll().executeTakeFirstOrThrow();
}

/** The organization after the change; undefined when it no longer exists. */
export async function updateOrganization(db: Db, id: string, changes: OrganizationUpdate) {
  return db.updateTable('organizations').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}
