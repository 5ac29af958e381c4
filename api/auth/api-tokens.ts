// API tokens for automation (Authorization: Bearer psr_…). The secret is shown once, at
// creation; the database keeps its sha-256 (db/queries/api-tokens.ts holds the rows).
import type { Db } from '../../db/database';
import { insertApiToken, useLiveApiToken } from '../../db/queries/api-tokens';
import { randomSecret, sha256 } from './secrets';

/** Recognisable prefix, so leaked tokens can be found by secret scanners. */
export const TOKEN_PREFIX = 'psr_';

export async function createApiToken(db: Db, userId: string, name: string) {
  const token = TOKEN_PREFIX + randomSecret();
  const row = await insertApiToken(db, userId, name, sha256(token));
  return { ...row, token };
}

/** The live token row for a presented Bearer token, marking it used. */
export async function useApiToken(db: Db, token: string, now: Date) {
  return useLiveApiToken(db, sha256(token), now);
}
