// A query built once per database and run many times (the public pages' queries): Drizzle's building of a
// query's SQL — walking its tables and columns — cost more CPU than PostgreSQL's running it on the agenda
// (decision 023). Its values are `sql.placeholder`s given at execution; on the PostgreSQL server it is also
// parsed once per connection (a named prepared statement).
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
