// Loads the caller as the routes see it: identity, admin flag and organization ids.
import type { Db } from '../../db/database';
import type { CurrentUser } from '../app-env';

export async function loadCurrentUser(db: Db, userId: string): Promise<CurrentUser | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'is_admin'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const memberships = await db
    .selectFrom('memberships')
    .select('organization_id')
    .where('user_id', '=', userId)
    .orderBy('organization_id')
    .execute();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.is_admin,
    organizationIds: memberships.map((m) => m.organization_id),
  };
}
