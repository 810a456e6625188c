import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';

/**
 * Serialises the work of one key until the transaction ends (a PostgreSQL advisory lock, as the agenda's per
 * event): a grid's changes, a person's programme, a session's seats, a person's scans at the doors.
 */
export async function lock(tx: Executor, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}
