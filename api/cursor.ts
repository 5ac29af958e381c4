// Opaque cursors for keyset pagination: base64url of the last item's sort key (a JSON array
// of strings). Clients pass `next_cursor` back unchanged; anything else is a 422, never a
// database error.
import { z } from '@hono/zod-openapi';
import { validationProblem } from './errors';

export const DEFAULT_LIMIT = 20;
/** What every cursor looks like (base64url without padding), as the OpenAPI document says. */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MAX_LIMIT = 100;

/** Query fields shared by paginated lists. */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().openapi({ type: 'integer', minimum: 1, maximum: MAX_LIMIT, example: DEFAULT_LIMIT }),
  cursor: z
    .string()
    .min(1)
    .max(500)
    .regex(CURSOR_PATTERN)
    .optional()
    .openapi({ description: 'La valeur `next_cursor` de la page précédente, telle quelle (base64url opaque)' }),
};

/** `nextCursor` of a page: the cursor of the next one, or null on the last. */
export const NextCursor = z.string().regex(CURSOR_PATTERN).nullable().openapi({ description: 'À renvoyer en `cursor` pour la page suivante ; null sur la dernière' });

export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Checks for the parts of sort keys, so a forged cursor never reaches SQL as a bad cast. */
export type KeyPart = (part: string) => boolean;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
// Date.parse also catches what the pattern lets through, like 30 February (rolled over, so compared back).
export const KEY_TIMESTAMP: KeyPart = (part) =>
  part === 'infinity' ||
  (TIMESTAMP.test(part) && part >= '1970' && Number.isFinite(Date.parse(part)) && new Date(Date.parse(part)).toISOString().slice(0, 19) === part.slice(0, 19));
export const KEY_UUID: KeyPart = (part) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part);
/** A bigint sequence value, as PostgreSQL returns it (a string). */
export const KEY_SEQUENCE: KeyPart = (part) => /^[1-9]\d{0,18}$/.test(part);
// PostgreSQL text cannot hold NUL: a cursor carrying one would fail in the query, not here.
export const KEY_TEXT: KeyPart = (part) => part.length >= 1 && part.length <= 200 && !part.includes('\u0000');

/** The sort key inside a cursor, one part per pattern, or 422. */
export function decodeCursor(cursor: string, patterns: KeyPart[]): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const ok =
    Array.isArray(key) &&
    key.length === patterns.length &&
    key.every((part, i) => typeof part === 'string' && patterns[i](part));
  if (!ok) {
    throw validationProblem([{ code: 'invalid_cursor', path: '/query/cursor', message: 'Le curseur de pagination est invalide.' }]);
  }
  return key as string[];
}

/** Splits one extra fetched row off a page: `items` to show, `nextCursor` or null. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string[]) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
