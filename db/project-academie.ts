// The académie a project is filed under on dashboards: that of the organizations bound to
// it, an association's first (it carries the project), then by name for a stable answer.
import type { Kysely } from 'kysely';
import type { Database } from './database';

export async function academieOfOrganizations(db: Kysely<Database>, organizationIds: string[]): Promise<string | null> {
  if (organizationIds.length === 0) return null;
  const row = await db
    .selectFrom('organizations')
    .select('academie')
    .where('id', 'in', organizationIds)
    .where('academie', 'is not', null)
    .orderBy((eb) => eb('kind', '=', 'association'), 'desc')
    .orderBy('name')
    .executeTakeFirst();
  return row?.academie ?? null;
}
