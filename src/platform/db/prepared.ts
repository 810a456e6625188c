// A query built once per database and run many times (the public pages' queries): Drizzle's building of a
// query's SQL — walking its tables and columns — cost more CPU than PostgreSQL's running it on the agenda
// (decision 023). Its values are `sql.placeholder`s given at execution; on the PostgreSQL server it is also
// parsed once per connection (a named prepared statement).
import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

/** `build` run once per executor (a database; a transaction gets its own, as its statements are its own). */
export function prepared<Q>(build: (executor: Executor) => Q): (executor: Executor) => Q {
  const built = new WeakMap<Executor, Q>();
  return (executor) => {
    let query = built.get(executor);
    if (!query) {
      query = build(executor);
      built.set(executor, query);
    }
    return query;
  };
}

const dialect = new PgDialect();

/**
 * Runs raw SQL as a named prepared statement, named by its text: PostgreSQL plans it once per connection
 * rather than at each run. For a statement whose text is the same for many values and whose planning
 * costs more than its running — a registration's writes, a dozen parts, planned in 1 ms and run in 0.3 ms
 * (decision 024) — and that runs inside a transaction, where `prepared` would build it anew.
 */
export async function runNamed<T>(executor: Executor, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  const name = `q_${createHash('sha1').update(built.sql).digest('base64url')}`;
  const result = (await executor._.session.prepareQuery(built, undefined, name, false).execute()) as {
    rows: T[];
  };
  return result.rows;
}
