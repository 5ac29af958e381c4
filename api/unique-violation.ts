// PostgreSQL reports a duplicate key as SQLSTATE 23505; routes turn it into 409 instead of
// checking first, which would race with a concurrent insert.
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
