// The one database client: embedded PostgreSQL (PGlite) without DATABASE_URL, a pg pool with it.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { acquireDirectoryLock } from './lock.ts';
import { findTemplate, forgetTemplate, saveTemplate, type Template } from './template.ts';

// Queries name their tables (the modules' `*.schema.ts`): the client needs no schema, so the platform knows
// no module's tables. (Drizzle's relational `db.query.x` API, which would need it, is not used.)
type Schema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Code that may run inside or outside a transaction takes this. */
export type Executor = Db | Tx;

/** Runs raw SQL and returns its rows, typed by the caller (both drivers return `{ rows }`). */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  /** Is the server reachable right now? (for /readyz) */
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /** The copy a new embedded database was loaded from, if it was `startFrom`'s (see below). */
  startedFrom: Template | undefined;
  /** Keeps the embedded database as it is now as `copy`, for the next new ones (nothing on PostgreSQL). */
  keepAs(copy: Template): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `memory` keeps it in memory (tests). */
  dataDir: string;
  poolSize?: number;
  /**
   * The copy a new embedded database starts as, when it has been made (else the prepared empty one); asked
   * only when the database is new.
   */
  startFrom?: (() => Promise<Template>) | undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.startFrom);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  // A rush queues for a connection rather than failing at once; past 15 s the request gets a 503.
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 15_000 });
  // A broken idle connection must not crash the process: the pool replaces it.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    migrate: () => migrateNodePg(drizzleNodePg(pool), { migrationsFolder }),
    // A readiness probe answers within 2 s: a pool waiting on connections to a database going away (each may
    // wait 15 s, above) is not ready either.
    ping: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), 2_000);
      });
      try {
        return await Promise.race([pool.query('select 1').then(() => true), late]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => pool.end(),
    startedFrom: undefined,
    keepAs: async () => {},
  };
}

// How every embedded database is opened:
// - the extensions the migrations create (the atlas's search in French, decision 019): PGlite ships them
//   apart, and loads them only when the constructor is given them;
// - a buffer pool of 32 MB rather than PostgreSQL's 128 MB, sized for a server: PGlite's shared memory is
//   WebAssembly heap that it fills with zeros at every start, which was 0.7 s of each restart and of each
//   test's database (decision 025). The demo database is 16 MB.
export const pgliteOptions = {
  extensions: { unaccent, pg_trgm },
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
};

/** A new database loaded from `copy`; a copy that does not load is forgotten, and its folder emptied again. */
async function loadCopy(folder: string | undefined, copy: Template): Promise<PGlite | undefined> {
  if (!copy.archive) return undefined;
  try {
    return await PGlite.create(folder, { ...pgliteOptions, loadDataDir: copy.archive });
  } catch {
    forgetTemplate(copy);
    if (folder) rmSync(folder, { recursive: true, force: true });
    return undefined;
  }
}

async function openPglite(
  dataDir: string,
  findStart: (() => Promise<Template>) | undefined,
): Promise<Database> {
  let release = async () => {};
  let folder: string | undefined;
  if (dataDir !== 'memory') {
    mkdirSync(dataDir, { recursive: true });
    release = acquireDirectoryLock(dataDir);
    folder = `${dataDir}/pglite`;
  }
  const isNew = folder === undefined || !existsSync(`${folder}/PG_VERSION`);
  let client: PGlite;
  let startedFrom: Template | undefined;
  // The copy this database leaves once migrated, when it was made without one.
  let unsaved: Template | undefined;
  try {
    const startFrom = isNew ? await findStart?.() : undefined;
    const fromStart = startFrom ? await loadCopy(folder, startFrom) : undefined;
    if (fromStart) {
      client = fromStart;
      startedFrom = startFrom;
    } else {
      // A new database is loaded from the prepared copy (see template.ts); without one, PGlite makes it and
      // the first migration leaves the copy for the next.
      const template = isNew ? await findTemplate(migrationsFolder) : undefined;
      const fromTemplate = template ? await loadCopy(folder, template) : undefined;
      client = fromTemplate ?? (await PGlite.create(folder, pgliteOptions));
      if (!fromTemplate) unsaved = template;
    }
  } catch (error) {
    await release();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    migrate: async () => {
      await migratePglite(drizzlePglite(client), { migrationsFolder });
      const copy = unsaved;
      unsaved = undefined;
      if (copy) await saveTemplate(client, copy);
    },
    ping: async () => !client.closed,
    close: async () => {
      if (!client.closed) await client.close();
      await release();
    },
    startedFrom,
    keepAs: (copy) => saveTemplate(client, copy),
  };
}
