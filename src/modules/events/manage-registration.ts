// Staff acting on one registration of an event: confirming someone from the waiting list (beyond the
// capacity only when asked), changing how they attend a hybrid event, recording that someone came.
import { and, eq, ne, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Db } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { getPerson } from '../organisations/people.ts';
import { getRegistration } from './cancel-registration.ts';
import { recordAttendance } from './check-in.ts';
import { eventsMessages as m } from './events.messages.ts';
import { type AttendanceMode, registrations } from './events.schema.ts';
import { getEvent } from './events.ts';
import { lockEvent } from './lock.ts';
import { type NotificationSettings, notify, scheduleReminders } from './notifications.ts';
import { confirmedCount, type Registration } from './register.ts';

/** Named with its event (a staff page's address), a registration of another event is not found. */
async function registrationOf(db: Db, registrationId: string, eventId: string | undefined) {
  const found = await getRegistration(db, registrationId);
  return found && (eventId === undefined || found.eventId === eventId) ? found : undefined;
}

/**
 * Confirms a person waiting, ahead of the queue: refused when the event is full (409 `event_full`) unless
 * staff says it is beyond the capacity on purpose. The person is told by mail, as when a seat frees up.
 */
export async function promoteRegistration(
  db: Db,
  registrationId: string,
  actorId: string,
  options: { settings: NotificationSettings; overCapacity?: boolean; eventId?: string; at?: Date },
): Promise<Result<Registration>> {
  const at = options.at ?? new Date();
  const found = await registrationOf(db, registrationId, options.eventId);
  if (!found) return fail(404, 'not_found', m.registrationNotFound());
  return db.transaction(async (tx) => {
    await lockEvent(tx, found.eventId);
    const registration = (await getRegistration(tx, registrationId))!;
    if (registration.status !== 'waitlisted') return fail(409, 'not_waitlisted', m.notWaitlisted());
    const event = (await getEvent(tx, registration.eventId))!;
    if (event.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoChange());
    if (at >= event.endsAt) return fail(422, 'event_over', m.eventOverNoPromotion());
    const confirmed = await confirmedCount(tx, event.id);
    const full = event.capacity !== null && confirmed >= event.capacity;
    if (full && !options.overCapacity)
      return fail(409, 'event_full', m.eventFull({ capacity: event.capacity ?? 0 }));
    const [promoted] = await tx
      .update(registrations)
      .set({ status: 'confirmed', promotedAt: sql`now()` })
      .where(eq(registrations.id, registrationId))
      .returning();
    await notify(tx, registrationId, 'promoted', options.settings);
    await scheduleReminders(tx, registrationId, event, options.settings);
    await audit(tx, {
      actorId,
      action: 'promote',
      entity: 'registration',
      entityId: registrationId,
      data: { eventId: event.id, personId: registration.personId, overCapacity: full },
    });
    return ok(promoted!);
  });
}

/** Changes how a person attends a hybrid event (in person or online). The same mode again changes nothing. */
export async function changeRegistrationMode(
  db: Db,
  registrationId: string,
  mode: AttendanceMode | undefined,
  actorId: string,
  options: { eventId?: string } = {},
): Promise<Result<{ changed: boolean }>> {
  const found = await registrationOf(db, registrationId, options.eventId);
  if (!found) return fail(404, 'not_found', m.registrationNotFound());
  if (!mode) return fail(400, 'invalid', m.modeExpected(), { mode: m.chooseMode().text });
  const event = (await getEvent(db, found.eventId))!;
  if (event.format !== 'hybrid') return fail(422, 'not_hybrid', m.notHybrid());
  if (found.status === 'cancelled') return fail(409, 'already_cancelled', m.registrationAlreadyCancelled());
  if (found.mode === mode) return ok({ changed: false });
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(registrations)
      .set({ mode })
      .where(and(eq(registrations.id, registrationId), ne(registrations.status, 'cancelled')))
      .returning({ id: registrations.id });
    if (rows.length === 0) return fail(409, 'already_cancelled', m.registrationAlreadyCancelled());
    await audit(tx, {
      actorId,
      action: 'change_mode',
      entity: 'registration',
      entityId: registrationId,
      data: { eventId: event.id, before: found.mode, after: mode },
    });
    return ok({ changed: true });
  });
}

/**
 * A person came (a walk-in at the door, a paper sheet typed in afterwards): allowed once the event has
 * started. Without a registration, one is made, confirmed outside the capacity (they came), and nobody is
 * mailed about it. Recording it again changes nothing (`recorded: false`).
 */
export async function recordWalkIn(
  db: Db,
  input: { eventId: string; personId: string; mode?: AttendanceMode | undefined },
  actorId: string,
  options: { at?: Date } = {},
): Promise<Result<{ recorded: boolean; registered: boolean; registrationId: string }>> {
  const at = options.at ?? new Date();
  const found = await getEvent(db, input.eventId);
  if (!found) return fail(404, 'not_found', m.eventNotFound());
  if (at < found.startsAt) return fail(422, 'event_not_started', m.eventNotStarted());
  if (found.cancelledAt) return fail(422, 'event_cancelled', m.cancelledNoAttendance());
  const person = await getPerson(db, input.personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  const format = found.format;
  if (input.mode && format !== 'hybrid' && input.mode !== (format === 'online' ? 'online' : 'in_person')) {
    const message = format === 'online' ? m.onlineOnly() : m.inPersonOnly();
    return fail(400, 'invalid', message, { mode: message.text });
  }
  const mode: AttendanceMode = input.mode ?? (format === 'online' ? 'online' : 'in_person');
  return db.transaction(async (tx) => {
    await lockEvent(tx, found.id);
    const [live] = await tx
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.eventId, found.id),
          eq(registrations.personId, person.id),
          ne(registrations.status, 'cancelled'),
        ),
      );
    let registration = live;
    let registered = false;
    if (!registration) {
      [registration] = await tx
        .insert(registrations)
        .values({
          eventId: found.id,
          personId: person.id,
          status: 'confirmed',
          mode,
          registeredBy: actorId,
        })
        .returning();
      registered = true;
      await audit(tx, {
        actorId,
        action: 'register',
        entity: 'registration',
        entityId: registration!.id,
        data: { eventId: found.id, personId: person.id, status: 'confirmed', walkIn: true },
      });
    } else if (registration.status === 'waitlisted') {
      // Someone waiting who came anyway: their place is confirmed, beyond the capacity if need be.
      [registration] = await tx
        .update(registrations)
        .set({ status: 'confirmed', promotedAt: sql`now()` })
        .where(eq(registrations.id, registration.id))
        .returning();
      registered = true;
      await audit(tx, {
        actorId,
        action: 'promote',
        entity: 'registration',
        entityId: registration!.id,
        data: { eventId: found.id, personId: person.id, walkIn: true },
      });
    }
    const { recorded } = await recordAttendance(tx, {
      eventId: found.id,
      personId: person.id,
      source: 'check_in',
      recordedBy: actorId,
    });
    return ok({ recorded: recorded || registered, registered, registrationId: registration!.id });
  });
}
