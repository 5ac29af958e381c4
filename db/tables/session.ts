import type { Generated, Insertable, Selectable } from 'kysely';

/** A cookie session. `id` is the sha-256 of the secret in the cookie, never the secret. */
export interface SessionTable {
  id: string;
  user_id: string;
  /** Double-submit CSRF token: state-changing cookie requests send it in X-CSRF-Token. */
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export type Session = Selectable<SessionTable>;
export type NewSession = Insertable<SessionTable>;
