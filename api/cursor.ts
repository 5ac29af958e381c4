// How paginated lists take and give cursors in the OpenAPI document: `limit` and `cursor`
// query fields, and `next_cursor`. The cursors themselves are made and read by the queries
// (db/pagination.ts); a forged one is answered 422 by the error handler (errors.ts).
import { z } from '@hono/zod-openapi';
import { DEFAULT_LIMIT } from '../db/pagination';

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
