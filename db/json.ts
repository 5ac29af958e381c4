// JSON columns: pg would turn a JS array into a Postgres array, so values are always
// written as JSON text and read back parsed (both pg and PGlite parse jsonb on read).
import type { ColumnType } from 'kysely';

export type Json<T> = ColumnType<T, string, string>;

export const toJson = (value: unknown): string => JSON.stringify(value);
