// What the database said, read through the driver's wrappers (drizzle wraps the error of pg and of PGlite).

/** A unique index refused the row (SQLSTATE 23505): two changes raced for the same value. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
