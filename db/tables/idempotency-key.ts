import type { Generated, Insertable, Selectable } from 'kysely';
import type { Json } from '../json';

/** The remembered answer of a state-changing call sent with an Idempotency-Key header. */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  method: string;
  path: string;
  /** sha-256 of the request body: the same key with another body is a client error. */
  request_hash: string;
  /** Null while the first request is still being handled. */
  status: number | null;
  response_body: Json<unknown> | null;
  created_at: Generated<Date>;
}

export type IdempotencyKey = Selectable<IdempotencyKeyTable>;
export type NewIdempotencyKey = Insertable<IdempotencyKeyTable>;
