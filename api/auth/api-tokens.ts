// API tokens for automation (Authorization: Bearer psr_…). The secret is shown once, at
// creation; the database keeps its sha-256. Revoking sets revoked_at, so the list keeps history.
import type { Db } from '../../db/database';
import { randomSecret, sha256 } from './secrets';

/** Recognisable prefix, so leaked tokens can be found by secret scanners. */
export const TOKEN_PREFIX = 'psr_';

export async function createApiToken(db: Db, userId: string, name: string) {
  const token = TOKEN_PREFIX + randomSecret();
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: sha256(token), last_used_at: null, revoked_at: null })
    .returning(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  return { ...row, token };
}

/** The live token row for a presented Bearer token, marking it used. */
export async function useApiToken(db: Db, token: string, now: Date) {
  return db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', sha256(token))
    .where('revoked_at', 'is', null)
    .returning(['id', 'user_id'])
    .executeTakeFirst();
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Revokes one token of the user; false when the user has no such live token. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Revokes every live token of the user (a new password, a disabled account). */
export async function revokeAllApiTokens(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}
