// Rate limits counted in PostgreSQL, so that several processes behind one address share them (a limit kept
// in each process's memory lets a client multiply it by the number of processes). Fixed windows: a client
// has `max` requests per window of a route; the count is one upsert.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { type Db, queryRows } from '../db/client.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** The store class @fastify/rate-limit builds; each route gets its own counters (`child`). */
export function postgresRateLimitStore(db: Db) {
  return class PostgresStore {
    private readonly scope: string;

    /** Built by the plugin with its options (unused), or by `child` with the route's scope. */
    constructor(scope: unknown = '') {
      this.scope = typeof scope === 'string' ? scope : '';
    }

    incr(key: string, callback: Callback, timeWindow: number) {
      const now = Date.now();
      const start = Math.floor(now / timeWindow) * timeWindow;
      queryRows<{ count: number }>(
        db,
        sql`insert into rate_limits (key, window_start, count)
            values (${`${this.scope}${key}`}, ${new Date(start).toISOString()}::timestamptz, 1)
            on conflict (key, window_start) do update set count = rate_limits.count + 1
            returning count`,
      ).then(
        ([row]) => callback(null, { current: row!.count, ttl: start + timeWindow - now }),
        (error: Error) => callback(error),
      );
    }

    /** The plugin's merged options of a route carry `routeInfo` (its method and address). */
    child(options: object) {
      const route = (options as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
      return new PostgresStore(`${[route?.method].flat().join(',')} ${route?.url ?? ''}|`);
    }
  };
}

/** The API counts per token (hashed: the table never holds one), or per address without a token. */
export function apiClientKey(request: FastifyRequest): string {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return token ? `token:${createHash('sha256').update(token).digest('hex')}` : `ip:${request.ip}`;
}

/** Forgets windows older than a day (a recurring job). */
export async function purgeRateLimits(db: Db) {
  await db.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
}
