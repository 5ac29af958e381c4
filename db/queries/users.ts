// Users of the directory: who a caller is (identity, admin flag, organizations), the
// password to check at sign-in, the list and one user with their memberships, and the
// writes (memberships are replaced as a whole). E-mails are unique: a duplicate is the
// unique violation the caller maps (api/unique-violation.ts). Active administrators are
// administrators with a password: the ones who can sign in and manage Passerelle.
import type { Db } from '../database';
import type { User, UserUpdate } from '../tables/user';
import type { Viewer } from './access';

/** A user as access decisions see them: who, whether administrator, which organizations. */
export interface UserIdentity extends Viewer {
  id: string;
  email: string;
  name: string;
}

export async function findIdentity(db: Db, userId: string): Promise<UserIdentity | undefined> {
  const user = await db.selectFrom('users').select(['id', 'email', 'name', 'is_admin']).where('id', '=', userId).executeTakeFirst();
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

/** The account an e-mail signs in to, with its password hash (null: disabled). */
export async function credentialsOf(db: Db, email: string) {
  return db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirst();
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
}

export function activeAdministrators(db: Db) {
  return db.selectFrom('users').select('id').where('is_admin', '=', true).where('password_hash', 'is not', null);
}

export async function hasActiveAdministrator(db: Db): Promise<boolean> {
  return (await activeAdministrators(db).limit(1).execute()).length > 0;
}

/** Ids of the active administrators, locked until the transaction ends. */
export async function lockActiveAdministrators(trx: Db): Promise<string[]> {
  return (await activeAdministrators(trx).orderBy('id').forUpdate().execute()).map((r) => r.id);
}

const USER_COLUMNS = ['id', 'email', 'name', 'is_admin', 'created_at'] as const;
export type UserRow = Pick<User, (typeof USER_COLUMNS)[number]>;
export type UserWithMemberships = UserRow & { organization_ids: string[] };

/** The users with the ids of their organizations (sorted). */
export async function withMemberships(db: Db, rows: UserRow[]): Promise<UserWithMemberships[]> {
  if (rows.length === 0) return [];
  const memberships = await db
    .selectFrom('memberships')
    .select(['user_id', 'organization_id'])
    .where('user_id', 'in', rows.map((r) => r.id))
    .orderBy('organization_id')
    .execute();
  return rows.map((row) => ({ ...row, organization_ids: memberships.filter((m) => m.user_id === row.id).map((m) => m.organization_id) }));
}

/** Users by e-mail, all of them or the members of one organization. */
export async function listUsers(db: Db, filters: { organizationId?: string }): Promise<UserWithMemberships[]> {
  let query = db.selectFrom('users').select(USER_COLUMNS).orderBy('email');
  if (filters.organizationId) {
    query = query.where('id', 'in', db.selectFrom('memberships').select('user_id').where('organization_id', '=', filters.organizationId));
  }
  return withMemberships(db, await query.execute());
}

export async function findUser(db: Db, userId: string): Promise<UserWithMemberships | undefined> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', userId).executeTakeFirst();
  return row && (await withMemberships(db, [row]))[0];
}

export interface NewDirectoryUser {
  email: string;
  name: string;
  passwordHash: string | null;
  isAdmin: boolean;
  organizationIds: string[];
}

export async function insertUser(db: Db, user: NewDirectoryUser): Promise<UserRow> {
  const row = await db
    .insertInto('users')
    .values({ email: user.email, name: user.name, password_hash: user.passwordHash, is_admin: user.isAdmin })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  if (user.organizationIds.length > 0) {
    await db.insertInto('memberships').values(user.organizationIds.map((organization_id) => ({ user_id: row.id, organization_id }))).execute();
  }
  return row;
}

/** Changes the user's fields, and replaces their memberships when `organizationIds` is given. */
export async function updateUser(
  db: Db,
  userId: string,
  changes: Pick<UserUpdate, 'email' | 'name' | 'is_admin' | 'password_hash'>,
  organizationIds?: string[],
): Promise<UserRow> {
  // UPDATE … SET with no column is not SQL.
  if (Object.keys(changes).length > 0) await db.updateTable('users').set(changes).where('id', '=', userId).execute();
  if (organizationIds) {
    await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
    if (organizationIds.length > 0) {
      await db.insertInto('memberships').values(organizationIds.map((organization_id) => ({ user_id: userId, organization_id }))).execute();
    }
  }
  return db.selectFrom('users').select(USER_COLUMNS).where('id', '=', userId).executeTakeFirstOrThrow();
}
