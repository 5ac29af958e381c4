import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface UserTable {
  id: Generated<string>;
  /** Stored lower-case; unique. */
  email: string;
  name: string;
  /** argon2id; null for an account that cannot log in with a password. */
  password_hash: string | null;
  /** Federation administrators see everything and manage the directory. */
  is_admin: Generated<boolean>;
  /** Secret in the URL of the user's ICS calendar feed. */
  calendar_token: Generated<string>;
  created_at: Generated<Date>;
  /** Set when an administrator replaced the person's name and e-mail by a pseudonym. */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
