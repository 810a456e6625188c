// Cancelling a registration until the event starts; the freed seat goes to the first person waiting.
import { and, asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { eventsMessages as m } from './events.messages.ts';
import { registrations } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';
import { lockEvent } from './lock.ts';
import { type NotificationSettings, notify, scheduleReminders } from './notifications.ts';
import { confirmedCount, type Registration } from './register.ts';

/** Confirms waiting people, first come first served, while seats are free. Call it under the event lock. */
export async function promoteWaiting(
  tx: Executor,
  event: Event,
  settings: NotificationSettings,
): Promise<string[]> {
  // Nobody is promoted to an event that will not take place.
  if (event.cancelledAt) return [];
  const free =
    event.capacity === null
      ? Number.POSITIVE_INFINITY
      : event.capacity - (await confirmedCount(tx, event.id));
  if (free <= 0) return [];
  const waiting = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.createdAt), asc(registrations.id))
    .limit(Number.isFinite(free) ? free : 10_000);
  for (const { id } of waiting) {
    await tx
      .update(registrations)
      .set({ status: 'confirmed', promotedAt: sql`now()` })
      .where(eq(registrations.id, id));
    await notify(tx, id, 'promoted', settings);
    await scheduleReminders(tx, id, event, settings);
    await audit(tx, { actorId: null, action: 'promote', entity: 'registration', entityId: id });
  }
  return waiting.map((w) => w.id);
}

export async function getRegistration(executor: Executor, id: string): Promise<Registration | undefined> {
  const [row] = await executor.select().from(registrations).where(eq(registrations.id, id));
  return row;
}

export async function cancelRegistration(
  db: Db,
  registrationId: string,
  actorId: string | null,
  options: { settings: NotificationSettings; at?: Date },
): Promise<Result<{ promoted: string[] }>> {
  const at = options.at ?? new Date();
  const found = await getRegistration(db, registrationId);
  if (!found) return fail(404, 'not_found', m.registrationNotFound());
  return db.transaction(async (tx) => {
    await lockEvent(tx, found.eventId);
    const registration = (await getRegistration(tx, registrationId))!;
    if (registration.status === 'cancelled')
      return fail(409, 'already_cancelled', m.registrationAlreadyCancelled());
    const event = (await getEvent(tx, registration.eventId))!;
    if (at >= event.startsAt) return fail(422, 'event_started', m.eventStarted());
    await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: sql`now()` })
      .where(eq(registrations.id, registrationId));
    await notify(tx, registrationId, 'cancelled', options.settings);
    await audit(tx, { actorId, action: 'cancel', entity: 'registration', entityId: registrationId });
    const promoted =
      registration.status === 'confirmed' ? await promoteWaiting(tx, event, options.settings) : [];
    return ok({ promoted });
  });
}
