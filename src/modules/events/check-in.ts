// Attendance: a check-in by staff (list or QR code) or an imported video-call report. Recording the same
// person twice records nothing new.
import { and, eq, inArray } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { getPerson } from '../organisations/people.ts';
import { eventsMessages as m } from './events.messages.ts';
import { attendance, registrations } from './events.schema.ts';
import { type Event, getEvent } from './events.ts';

export type Attendance = typeof attendance.$inferSelect;
type Registration = typeof registrations.$inferSelect;

/** The registration, when it exists and, if an event is named (a page's address), is of that event. */
async function registrationOf(executor: Executor, registrationId: string, eventId: string | undefined) {
  const [registration] = await executor
    .select()
    .from(registrations)
    .where(eq(registrations.id, registrationId));
  return registration && (eventId === undefined || registration.eventId === eventId)
    ? registration
    : undefined;
}

/** Records that a person was at an event; `recorded` is false when it was already known. */
export async function recordAttendance(
  executor: Executor,
  entry: {
    eventId: string;
    personId: string;
    source: Attendance['source'];
    minutes?: number | null;
    recordedBy: string | null;
  },
): Promise<{ recorded: boolean }> {
  const rows = await executor
    .insert(attendance)
    .values({ ...entry, minutes: entry.minutes ?? null })
    .onConflictDoNothing({ target: [attendance.eventId, attendance.personId] })
    .returning({ id: attendance.id });
  if (rows.length) {
    await audit(executor, {
      actorId: entry.recordedBy,
      action: 'attend',
      entity: 'attendance',
      entityId: rows[0]!.id,
      data: entry,
    });
  }
  return { recorded: rows.length > 0 };
}

/**
 * Records the presence of a confirmed registration. Named with its event (the staff's check-in page), a
 * registration of another event is not found.
 */
export async function checkIn(
  executor: Executor,
  registrationId: string,
  actorId: string | null,
  source: 'check_in' | 'qr' = 'check_in',
  options: { eventId?: string } = {},
): Promise<Result<{ recorded: boolean; registration: Registration }>> {
  const registration = await registrationOf(executor, registrationId, options.eventId);
  if (!registration) return fail(404, 'not_found', m.registrationNotFound());
  if (registration.status !== 'confirmed') {
    return fail(
      409,
      'not_confirmed',
      registration.status === 'cancelled' ? m.registrationCancelled() : m.personWaitlisted(),
    );
  }
  const { recorded } = await recordAttendance(executor, {
    eventId: registration.eventId,
    personId: registration.personId,
    source,
    recordedBy: actorId,
  });
  return ok({ recorded, registration });
}

/**
 * Undoes a check-in made by mistake at the door (not an imported online attendance); `undone` is false
 * when there was none to undo.
 */
export async function undoCheckIn(
  executor: Executor,
  registrationId: string,
  actorId: string,
  options: { eventId?: string } = {},
): Promise<Result<{ undone: boolean }>> {
  const registration = await registrationOf(executor, registrationId, options.eventId);
  if (!registration) return fail(404, 'not_found', m.registrationNotFound());
  const rows = await executor
    .delete(attendance)
    .where(
      and(
        eq(attendance.eventId, registration.eventId),
        eq(attendance.personId, registration.personId),
        inArray(attendance.source, ['check_in', 'qr']),
      ),
    )
    .returning({ id: attendance.id });
  if (rows.length)
    await audit(executor, { actorId, action: 'undo_attend', entity: 'attendance', entityId: rows[0]!.id });
  return ok({ undone: rows.length > 0 });
}

/**
 * The QR code of a registration scanned at the door: its presence recorded. A refusal names the person
 * (« Hélène Garnier : Cette personne est sur la liste d’attente. »), for the staff member holding the phone.
 */
export async function checkInByToken(
  executor: Executor,
  token: string,
  actorId: string,
): Promise<Result<{ recorded: boolean; event: Event; name: string }>> {
  const registration = /^[\w-]{20,100}$/.test(token) ? await findByCheckInToken(executor, token) : undefined;
  if (!registration) return fail(404, 'not_found', m.unknownCheckInCode());
  const person = await getPerson(executor, registration.personId);
  const name = person ? `${person.firstName} ${person.lastName}` : m.someone().text;
  const result = await checkIn(executor, registration.id, actorId, 'qr');
  if (!result.ok) {
    const { status, code, message } = result.error;
    return fail(status, code, m.refusedFor({ name, reason: message }));
  }
  const event = (await getEvent(executor, registration.eventId))!;
  return ok({ recorded: result.value.recorded, event, name });
}

export async function findByCheckInToken(executor: Executor, token: string) {
  const [row] = await executor.select().from(registrations).where(eq(registrations.checkInToken, token));
  return row;
}
