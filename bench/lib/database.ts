// A fresh database per benchmark on the PostgreSQL server of BENCH_DATABASE_URL, migrated, dropped at the end.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db/client.ts';
import { onCleanup } from './cleanup.ts';

export const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase extends Database {
  name: string;
  url: string;
  /** Closes the pool and drops the database (also done on failure or interruption). */
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(poolSize = 10): Promise<BenchDatabase> {
  const url = new URL(serverUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`BENCH_DATABASE_URL must name a server on 127.0.0.1 (not ${url.hostname})`);
  }
  const name = `coopdec_bench_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  url.pathname = `/${name}`;
  let database: Database | undefined;
  const drop = onCleanup(async () => {
    await database?.close().catch(() => {});
    await admin((c) => c.query(`drop database if exists ${name} with (force)`));
  });
  try {
    database = await openDatabase({ databaseUrl: url.href, dataDir: 'memory', poolSize });
    await database.migrate();
  } catch (error) {
    await drop();
    throw error;
  }
  return Object.assign(database, { name, url: url.href, drop });
}

/** One query on a connection of its own (not through a pool): the counts after a run, say. */
export async function sqlRows<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
