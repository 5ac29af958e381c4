// API tokens as rows: the database keeps the sha-256 of the secret (api/auth/api-tokens.ts
// makes both). Revoking sets revoked_at, so the list keeps history.
import type { Db } from '../database';

const TOKEN_COLUMNS = ['id', 'name', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function insertApiToken(db: Db, userId: string, name: string, tokenHash: string) {
  return db
    .insertInto('api_tokens')
    .values({ user_id: userId, name, token_hash: tokenHash, last_used_at: null, revoked_at: null })
    .returning(TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The live token of that hash, marked used; undefined when unknown or revoked. */
export async function useLiveApiToken(db: Db, tokenHash: string, now: Date) {
  return db
    .updateTable('api_tokens')
    .set({ last_used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .returning(['id', 'user_id'])
    .executeTakeFirst();
}

/** The user's tokens, revoked ones included, newest first. */
export async function listApiTokens(db: Db, userId: string) {
  return db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
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

/** Revokes every live token of the user (a new password, a disabled account); returns how many. */
export async function revokeAllApiTokens(db: Db, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
