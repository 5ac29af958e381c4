// Keyset pagination for the query functions: a page is the rows after a sort key, and its
// cursor is that key made opaque (base64url of a JSON array of strings). Clients pass
// `next_cursor` back unchanged; anything else is an `InvalidCursorError`, never a database
// error (the API answers it 422, `api/errors.ts`).

export const DEFAULT_LIMIT = 20;

/** A cursor that is not one a list handed out: forged, truncated, or another list's. */
export class InvalidCursorError extends Error {
  constructor() {
    super('invalid pagination cursor');
    this.name = 'InvalidCursorError';
  }
}

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

/** The sort key inside a cursor, one part per pattern; `InvalidCursorError` otherwise. */
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
  if (!ok) throw new InvalidCursorError();
  return key as string[];
}

/** Splits one extra fetched row off a page: `items` to show, `nextCursor` or null. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => string[]) {
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, nextCursor };
}
