// Slows down password guessing. Failed logins are counted per e-mail and per client
// address; past a threshold, each further failure blocks that key for twice as long as the
// previous one (1 s, 2 s, 4 s … up to 15 min), answered 429 with Retry-After. A block refuses
// even the right password, otherwise guessing would go on at full speed. Counts reset after
// a quiet window (no failure and no block), and a successful login clears its e-mail's count.
// Each attempt is counted before its password is checked (`claimAttempt`), so simultaneous
// guesses cannot all slip through before the first of them is recorded; a success gives its
// attempt back (`forgive`).
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
  if (blocked?.blocked_until) throw blockedProblem(blocked.blocked_until, now);
}

function blockedProblem(blockedUntil: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
  return problem(
    'too-many-requests',
    `Trop d’échecs de connexion. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
    { retry_after: seconds },
    { 'Retry-After': String(seconds) },
  );
}

/** What a claimed attempt changed, so that a success can give it back. */
export interface Claim {
  key: string;
  at: Date;
  blockedUntil: Date | null;
  previous: { last_failure_at: Date; blocked_until: Date | null };
}

/**
 * Counts an attempt on `key` as a failure before the password is checked, or throws 429
 * (counting nothing) when the key is blocked at `now`. The row is locked while it is
 * read and written, so concurrent attempts each see the ones before them.
 */
export async function claimAttempt(db: Db, key: string, rule: ThrottleRule, now: Date): Promise<Claim> {
  const quietSince = new Date(now.getTime() - QUIET_WINDOW_MS);
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_attempts')
      .values({ key, failures: 0, last_failure_at: now, blocked_until: null })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await trx
      .selectFrom('login_attempts')
      .select(['failures', 'last_failure_at', 'blocked_until'])
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.blocked_until && row.blocked_until > now) throw blockedProblem(row.blocked_until, now);
    // A block is no quiet time: the window starts when the last failure's block ends.
    const lastActive = row.blocked_until && row.blocked_until > row.last_failure_at ? row.blocked_until : row.last_failure_at;
    const failures = lastActive < quietSince ? 1 : row.failures + 1;
    const block = blockDuration(failures, rule);
    const blockedUntil = block > 0 ? new Date(now.getTime() + block) : row.blocked_until;
    await trx.updateTable('login_attempts').set({ failures, last_failure_at: now, blocked_until: blockedUntil }).where('key', '=', key).execute();
    return { key, at: now, blockedUntil, previous: { last_failure_at: row.last_failure_at, blocked_until: row.blocked_until } };
  });
}

/** Gives back an attempt that turned out to be a success (unless later attempts changed the row). */
export async function forgive(db: Db, claim: Claim): Promise<void> {
  await db
    .updateTable('login_attempts')
    .set({
      failures: sql<number>`greatest(login_attempts.failures - 1, 0)`,
      last_failure_at: sql<Date>`case when login_attempts.last_failure_at = ${claim.at} then ${claim.previous.last_failure_at} else login_attempts.last_failure_at end`,
      blocked_until: sql<Date | null>`case when login_attempts.blocked_until is not distinct from ${claim.blockedUntil} then ${claim.previous.blocked_until} else login_attempts.blocked_until end`,
    })
    .where('key', '=', claim.key)
    .execute();
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', key).execute();
}
