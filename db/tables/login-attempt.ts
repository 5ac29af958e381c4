import type { Insertable, Selectable } from 'kysely';

/** Failed logins per e-mail and per client address, to slow down password guessing. */
export interface LoginAttemptTable {
  /** "email:<address>" or "ip:<address>". */
  key: string;
  failures: number;
  last_failure_at: Date;
  blocked_until: Date | null;
}

export type LoginAttempt = Selectable<LoginAttemptTable>;
export type NewLoginAttempt = Insertable<LoginAttemptTable>;
