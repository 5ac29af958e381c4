// Administrators who can sign in (with a password): the ones who can manage Passerelle.
// The API never lets their number fall to zero; `npm start` says how to make one when a
// database has none (a new production database, or one restored without them).
import type { Db } from '../../db/database';

export function activeAdministrators(db: Db) {
  return db.selectFrom('users').select('id').where('is_admin', '=', true).where('password_hash', 'is not', null);
}

export async function hasActiveAdministrator(db: Db): Promise<boolean> {
  return (await activeAdministrators(db).limit(1).execute()).length > 0;
}
