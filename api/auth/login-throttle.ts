// Slows down password guessing. Failed logins are counted per e-mail and per client
// address; past a threshold, each further failure blocks that key for twice as long as the
// previous one (1 s, 2 s, 4 s … up to 15 min), answered 429 with Retry-After. A block refuses
// even the right password, otherwise guessing would go on at full speed. Counts reset after
// a quiet window, and a successful login clears its e-mail's count.
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { problem } from '../errors';

export interface ThrottleRule {
  /** Failures allowed before the first block. */
  freeFailures: number;
}

/** Per account: a person mistypes a few times; a guesser does not stop. */
export const EMAIL_RULE: ThrottleRule = { freeFailures: 5 };
/** Per client address: higher, since many people can share one address (a school's NAT). */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 50 };

const QUIET_WINDOW_MS = 15 * 60 * 1000;
const MAX_BLOCK_MS = 15 * 60 * 1000;

export function blockDuration(failures: number, rule: ThrottleRule): number {
  const over = failures - rule.freeFailures;
  if (over <= 0) return 0;
  return Math.min(1000 * 2 ** Math.min(over - 1, 20), MAX_BLOCK_MS);
}

/** Throws 429 when any of the keys is blocked at `now`. */
export async function assertNotBlocked(db: Db, keys: string[], now: Date): Promise<void> {
  const blocked = await db
    .selectFrom('login_attempts')
    .select('blocked_until')
    .where('key', 'in', keys)
    .where('blocked_until', '>', now)
    .orderBy('blocked_until', 'desc')
    .executeTakeFirst();
  if (!blocked?.blocked_until) return;
  const seconds = Math.max(1, Math.ceil((blocked.blocked_until.getTime() - now.getTime()) / 1000));
  throw problem(
    'too-many-requests',
    `Trop d’échecs de connexion. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
    { retry_after: seconds },
    { 'Retry-After': String(seconds) },
  );
}

export async function recordFailure(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<void> {
  const quietSince = new Date(now.getTime() - QUIET_WINDOW_MS);
  // One statement, so concurrent failures each count (no lost update).
  const { failures } = await db
    .insertInto('login_attempts')
    .values({ key, failures: 1, last_failure_at: now, blocked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when login_attempts.last_failure_at < ${quietSince} then 1 else login_attempts.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const block = blockDuration(failures, rule);
  if (block > 0) {
    await db
      .updateTable('login_attempts')
      .set({ blocked_until: new Date(now.getTime() + block) })
      .where('key', '=', key)
      .execute();
  }
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}
