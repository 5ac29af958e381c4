// Idempotency-Key for state-changing calls (IETF draft "The Idempotency-Key HTTP Header
// Field"): the first request with a key runs and its successful answer is kept under
// (user, key) with the method, path and a hash of the body; a retry with the same key and
// the same request gets that answer again, marked `Idempotent-Replayed: true`.
// - same key, different request → 422 (the key was reused by mistake);
// - same key while the first is still running → 409 (retry later);
// - a failed first request keeps nothing, so a retry runs again (a refusal changes nothing);
//   one that never answered (its process died) is forgotten after two minutes.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/json';
import { problem } from './errors';
import { isUniqueViolation } from './unique-violation';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** A claim without an answer after this long belongs to a request that will never finish. */
const STALE_CLAIM_MS = 2 * 60 * 1000;

export interface StoredAnswer<B> {
  status: number;
  body: B;
  replayed: boolean;
}

interface IdempotentRequest {
  userId: string;
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
}

function requestHash(method: string, path: string, body: unknown): string {
  // Canonical (RFC 8785): the same body with its keys in another order is the same request.
  return createHash('sha256').update(`${method} ${path}\n${canonicalize(body ?? null)}`).digest('hex');
}

/** Runs `handle` at most once per (user, key); without a key it simply runs. */
export async function idempotent<B>(
  db: Db,
  request: IdempotentRequest,
  handle: () => Promise<{ status: number; body: B }>,
): Promise<StoredAnswer<B>> {
  if (request.key === undefined) return { ...(await handle()), replayed: false };
  const { userId, key, method, path } = request;
  const hash = requestHash(method, path, request.body);

  let claimed = false;
  try {
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ user_id: userId, key, method, path, request_hash: hash, status: null, response_body: null })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    claimed = inserted !== undefined;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }

  if (!claimed) {
    const row = await db
      .selectFrom('idempotency_keys')
      .select(['method', 'path', 'request_hash', 'status', 'response_body', 'created_at'])
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) {
      // Deleted by a first request that failed in between: it is free again.
      return idempotent(db, request, handle);
    }
    if (row.method !== method || row.path !== path || row.request_hash !== hash) {
      throw problem('validation', 'Cette clé d’idempotence a déjà servi pour une autre requête ; utilisez une nouvelle clé.', {
        errors: [{ code: 'idempotency_key_reused', path: '/headers/idempotency-key', message: 'Clé déjà utilisée pour une requête différente.' }],
      });
    }
    if (row.status === null && row.created_at.getTime() < Date.now() - STALE_CLAIM_MS) {
      // The first request died without an answer (a crashed process): let this one run.
      await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).where('status', 'is', null).execute();
      return idempotent(db, request, handle);
    }
    if (row.status === null) {
      throw problem('conflict', 'Une requête avec cette clé d’idempotence est encore en cours ; réessayez dans un instant.');
    }
    return { status: row.status, body: row.response_body as B, replayed: true };
  }

  try {
    const answer = await handle();
    await db
      .updateTable('idempotency_keys')
      .set({ status: answer.status, response_body: toJson(answer.body), created_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .execute();
    return { ...answer, replayed: false };
  } catch (error) {
    await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute();
    throw error;
  }
}
