import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';

/** The key of an event's lock; a registration takes it in its statement (drizzle/0043_registration_seat.sql). */
export const eventLockKey = (eventId: string) => `event:${eventId}`;

/**
 * Serialises the registrations of one event until the transaction ends (a PostgreSQL advisory lock per
 * event, as pretix does per quota): the seat count read after it cannot change under our feet.
 */
export async function lockEvent(tx: Executor, eventId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${eventLockKey(eventId)}, 0))`);
}
