// A checksum of the whole database, computed in SQL, table by table; comparing two tells which tables changed.
// Two kinds:
// - `content`: the md5 of every row (as JSON, bookkeeping columns left out) in primary-key order;
// - `versions` (the default, for the thousands of requests of the matrix): the md5 of every row version's
//   physical address and writing transaction (`ctid`, `xmin`), in `ctid` order. Any INSERT, UPDATE (even
//   one that rewrites the same values: it makes a new row version) or DELETE changes it, and it reads no
//   column (PDFs, mails), so it costs a few milliseconds where `content` costs up to 150 ms. The two tables with bookkeeping columns (below) are always
//   compared by content, since updating a column rewrites the row's version.
import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../src/platform/db/client.ts';

/**
 * Columns that a read may update without changing anything a person sees (known, harmless bookkeeping):
 * the idle clock of a session, refreshed at most once a minute by any page, and the « last used » stamp
 * of an API token. They are left out of every checksum.
 */
export const bookkeepingColumns: Record<string, string[]> = {
  sessions: ['last_seen_at'],
  api_tokens: ['last_used_at'],
};

/**
 * Tables that every request may write, which hold nothing a person sees: the counts of the rate limits
 * (src/platform/http/rate-limit.ts). Left out of every checksum.
 */
export const bookkeepingTables = ['rate_limits'];

export type Checksum = Map<string, string>;

export type ChecksumKind = 'content' | 'versions';
const queries = new Map<ChecksumKind, string>();

async function buildQuery(db: Executor, kind: ChecksumKind): Promise<string> {
  const tables = await queryRows<{ table_name: string; pk: string | null }>(
    db,
    sql`select t.table_name,
               (select string_agg(quote_ident(k.column_name), ', ' order by k.ordinal_position)
                  from information_schema.table_constraints c
                  join information_schema.key_column_usage k
                    on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema
                   and k.table_name = c.table_name
                 where c.table_schema = t.table_schema and c.table_name = t.table_name
                   and c.constraint_type = 'PRIMARY KEY') as pk
          from information_schema.tables t
         where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
         order by t.table_name`,
  ).then((rows) => rows.filter((t) => !bookkeepingTables.includes(t.table_name)));
  if (tables.length < 10) throw new Error(`checksum: only ${tables.length} tables found`);
  return tables
    .map(({ table_name: name, pk }) => {
      const bookkeeping = bookkeepingColumns[name];
      if (kind === 'versions' && !bookkeeping)
        return `select '${name}' as name, md5(coalesce(string_agg(t.ctid::text || ':' || t.xmin::text, ',' order by t.ctid), '')) as hash from public.${JSON.stringify(name)} t`;
      const drop = bookkeeping?.map((c) => ` - '${c}'`).join('') ?? '';
      const row = `(to_jsonb(t)${drop})::text`;
      const order = pk
        ? pk
            .split(', ')
            .map((c) => `t.${c}`)
            .join(', ')
        : row;
      return `select '${name}' as name, md5(coalesce(string_agg(${row}, E'\\n' order by ${order}), '')) as hash from public.${JSON.stringify(name)} t`;
    })
    .join('\nunion all\n');
}

export async function checksum(db: Executor, kind: ChecksumKind = 'versions'): Promise<Checksum> {
  let query = queries.get(kind);
  if (!query) {
    query = await buildQuery(db, kind);
    queries.set(kind, query);
  }
  const rows = await queryRows<{ name: string; hash: string }>(db, sql.raw(query));
  return new Map(rows.map((r) => [r.name, r.hash]));
}

/** The tables whose content differs between two checksums, minus those allowed to change. */
export function changedTables(before: Checksum, after: Checksum, allowed: readonly string[] = []): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n) && !allowed.includes(n)).sort();
}
