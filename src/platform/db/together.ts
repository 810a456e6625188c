// Several writes sent as one statement (PostgreSQL's data-modifying CTEs): one round trip where each write
// would take its own. It counts where a lock is held: every round trip under an event's lock makes the
// queue behind it wait (docs/decisions/015).
import { type SQL, sql } from 'drizzle-orm';

/**
 * `with a as (…), b as (…) <select>`: the parts, named, run together in one statement and see the same
 * snapshot, so a part reads another's rows only through its `returning` (by its name), never by querying
 * its table. A part that returns nothing still runs.
 */
export function together(parts: Record<string, SQL>, select: SQL = sql`select 1`): SQL {
  const named = Object.entries(parts).map(([name, part]) => sql`${sql.identifier(name)} as (${part})`);
  return sql`with ${sql.join(named, sql`, `)} ${select}`;
}
