// Slows down password guessing without letting a guesser lock anyone out. Failed logins are
// counted under three keys, each with its own answer once past its free failures:
//
// - one client address on one account ("pair"): 5 free failures, then each failure blocks
//   that address on that account for twice as long as the previous one (1 s, 2 s, 4 s … up
//   to 15 min), answered 429 with Retry-After, even for the right password: a machine that
//   keeps guessing one account stops. Other addresses are not affected.
// - one account, from anywhere ("account"): 5 free failures, then every attempt on the
//   account waits before its password is checked (1 s, 2 s, then 4 s at most), and is never
//   refused: an attacker hammering an account from many addresses is slowed down, and its
//   owner still gets in after that short wait.
// - one client address, on any account ("address"): 50 free failures (many people can share
//   one address, a school's network); then attempts from it wait the same way, and while its
//   block lasts (1 s … 15 min) it is refused on accounts that are themselves past their free
//   failures. The right password of an account with few failures is slowed, never blocked.
//
// Counts reset after a quiet window (no failure and no block), and a successful login clears
// its account's and its pair's counts. Each attempt is counted before its password is checked
// (`claimLogin`), so simultaneous guesses cannot all slip through before the first of them is
// recorded; a success gives its address attempt back (`loginSucceeded`).
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { problem } from '../errors';

export interface ThrottleRule {
  /** Failures allowed before the first block or wait. */
  freeFailures: number;
}

export const PAIR_RULE: ThrottleRule = { freeFailures: 5 };
export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5 };
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 50 };

const QUIET_WINDOW_MS = 15 * 60 * 1000;
const MAX_BLOCK_MS = 15 * 60 * 1000;
/** The longest an attempt waits before its password is checked: the right one then passes. */
export const MAX_WAIT_MS = 4_000;

/** How long the `failures`-th failure blocks its key. */
export function blockDuration(failures: number, rule: ThrottleRule): number {
  const over = failures - rule.freeFailures;
  if (over <= 0) return 0;
  return Math.min(1000 * 2 ** Math.min(over - 1, 20), MAX_BLOCK_MS);
}

/** How long an attempt waits when its key already counts `failures` failures. */
export function waitDuration(failures: number, rule: ThrottleRule): number {
  const over = failures - rule.freeFailures;
  if (over < 0) return 0;
  return Math.min(1000 * 2 ** Math.min(over, 20), MAX_WAIT_MS);
}

export interface LoginKeys {
  pair: string;
  account: string;
  address: string;
}

export function loginKeys(email: string, address: string): LoginKeys {
  return { pair: `pair:${address} ${email}`, account: `email:${email}`, address: `ip:${address}` };
}

/** A key's count as it stands before an attempt, the quiet window applied. */
export interface Count {
  failures: number;
  blockedUntil: Date | null;
}

/** What one attempt meets: refused until an instant, or a wait before its password is checked. */
export type Decision = { refusedUntil: Date } | { waitMs: number };

export function decide(counts: Record<keyof LoginKeys, Count>, now: Date): Decision {
  const { pair, account, address } = counts;
  if (pair.blockedUntil && pair.blockedUntil > now) return { refusedUntil: pair.blockedUntil };
  if (address.blockedUntil && address.blockedUntil > now && account.failures >= ACCOUNT_RULE.freeFailures) {
    return { refusedUntil: address.blockedUntil };
  }
  return { waitMs: Math.max(waitDuration(account.failures, ACCOUNT_RULE), waitDuration(address.failures, ADDRESS_RULE)) };
}

function refusal(blockedUntil: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((blockedUntil.getTime() - now.getTime()) / 1000));
  return problem(
    'too-many-requests',
    `Trop d’échecs de connexion depuis cette adresse. Réessayez dans ${seconds} seconde${seconds > 1 ? 's' : ''}.`,
    { retry_after: seconds },
    { 'Retry-After': String(seconds) },
  );
}

/** What a claimed attempt changed on one key, so that a success can give it back. */
export interface Claim {
  key: string;
  at: Date;
  blockedUntil: Date | null;
  previous: { last_failure_at: Date; blocked_until: Date | null };
}

export interface ClaimedLogin {
  keys: LoginKeys;
  claims: Claim[];
  /** How long to wait before checking the password. */
  waitMs: number;
}

const RULES: Record<keyof LoginKeys, ThrottleRule | undefined> = { pair: PAIR_RULE, account: undefined, address: ADDRESS_RULE };

/**
 * Counts an attempt as a failure on every key before the password is checked, or throws 429
 * (counting nothing) when the attempt is refused at `now`. The rows are locked, in key
 * order, while they are read and written, so concurrent attempts each see the ones before.
 */
export async function claimLogin(db: Db, keys: LoginKeys, now: Date): Promise<ClaimedLogin> {
  const quietSince = new Date(now.getTime() - QUIET_WINDOW_MS);
  const names = (Object.keys(keys) as (keyof LoginKeys)[]).sort((a, b) => (keys[a] < keys[b] ? -1 : 1));
  return db.transaction().execute(async (trx) => {
    const rows = {} as Record<keyof LoginKeys, { failures: number; last_failure_at: Date; blocked_until: Date | null }>;
    const counts = {} as Record<keyof LoginKeys, Count>;
    for (const name of names) {
      // One statement that creates or locks the row: a separate insert and select could miss a
      // row that a success deleted between the two.
      const row = await trx
        .insertInto('login_attempts')
        .values({ key: keys[name], failures: 0, last_failure_at: now, blocked_until: null })
        .onConflict((oc) => oc.column('key').doUpdateSet({ key: (eb) => eb.ref('excluded.key') }))
        .returning(['failures', 'last_failure_at', 'blocked_until'])
        .executeTakeFirstOrThrow();
      // A block is no quiet time: the window starts when the last failure's block ends.
      const lastActive = row.blocked_until && row.blocked_until > row.last_failure_at ? row.blocked_until : row.last_failure_at;
      rows[name] = row;
      counts[name] = { failures: lastActive < quietSince ? 0 : row.failures, blockedUntil: row.blocked_until };
    }
    const decision = decide(counts, now);
    if ('refusedUntil' in decision) throw refusal(decision.refusedUntil, now);

    const claims: Claim[] = [];
    for (const name of names) {
      const failures = counts[name].failures + 1;
      const rule = RULES[name];
      const block = rule ? blockDuration(failures, rule) : 0;
      const blockedUntil = block > 0 ? new Date(now.getTime() + block) : rows[name].blocked_until;
      await trx.updateTable('login_attempts').set({ failures, last_failure_at: now, blocked_until: blockedUntil }).where('key', '=', keys[name]).execute();
      claims.push({ key: keys[name], at: now, blockedUntil, previous: { last_failure_at: rows[name].last_failure_at, blocked_until: rows[name].blocked_until } });
    }
    return { keys, claims, waitMs: decision.waitMs };
  });
}

/**
 * The password was right: the account and this address on it start afresh; the address gets
 * its attempt back. Rows quiet for longer than the window count nothing any more, so they go
 * too: without that, every address and e-mail ever tried would stay in the table.
 */
export async function loginSucceeded(db: Db, claimed: ClaimedLogin): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', 'in', [claimed.keys.account, claimed.keys.pair]).execute();
  const quietSince = new Date(claimed.claims[0].at.getTime() - QUIET_WINDOW_MS);
  await db
    .deleteFrom('login_attempts')
    .where('last_failure_at', '<', quietSince)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', quietSince)]))
    .execute();
  const claim = claimed.claims.find((c) => c.key === claimed.keys.address);
  if (claim) await forgive(db, claim);
}

/** Gives back an attempt that turned out to be a success (unless later attempts changed the row). */
async function forgive(db: Db, claim: Claim): Promise<void> {
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
