import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';

/**
 * Serialises the registrations of one event until the transaction ends (a PostgreSQL advisory lock per
 * event, as pretix does per quota): the seat count read after it cannot change under our feet.
 */
export async function lockEvent(tx: Executor, eventId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`event:${eventId}`}, 0))`);
}

export type EventLock = typeof lockEvent;
