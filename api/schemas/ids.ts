// Path parameters shared by routes. Ids are checked before any query: a string that is not
// a UUID would otherwise reach PostgreSQL and fail there.
import { z } from '@hono/zod-openapi';

export const Uuid = z.guid().openapi({ example: '3f0c6a0e-2b1e-4c8e-9d53-5b7a1f0e2c11' });

export const IdParam = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
});

export const Timestamp = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-24T09:30:00.000Z' });

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => (date === null ? null : date.toISOString());
