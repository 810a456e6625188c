// Attendance: a check-in by staff (list or QR code) or an imported video-call report. Recording the same
// person twice records nothing new.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { installedSecretsKey } from '../../platform/secrets.ts';
import { personCards } from '../organisations/directory.ts';
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
  // Registrations stay confirmed when their event is cancelled: the event says nobody came.
  if ((await getEvent(executor, registration.eventId))?.cancelledAt)
    return fail(422, 'event_cancelled', m.cancelledNoAttendance());
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

// ——— The QR code of a registration ———
// Its address carries `<registration id>.<mac>`: the mac (HMAC-SHA256 under a key derived from the secrets key)
// proves the code was made here, so nothing in the database can make one, and a leaked table opens nothing.

const checkInKey = () => createHmac('sha256', installedSecretsKey()).update('check-in').digest();

const macOf = (registrationId: string) =>
  createHmac('sha256', checkInKey()).update(registrationId).digest('base64url');

/** The code of a registration's QR code (the last segment of `/emargement/…`). */
export const checkInToken = (registrationId: string) => `${registrationId}.${macOf(registrationId)}`;

/** The address a registration's QR code holds (the agenda's and the Rencontres' scanners read it). */
export const checkInAddress = (baseUrl: string, registrationId: string) =>
  `${baseUrl}/emargement/${checkInToken(registrationId)}`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The registration a code names, when its mac is right (compared in constant time); undefined otherwise. */
export function registrationIdOfToken(token: string): string | undefined {
  const [id, mac, ...rest] = token.split('.');
  if (!id || !mac || rest.length || !uuidPattern.test(id)) return undefined;
  const expected = Buffer.from(macOf(id));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
}

/** What staff see when they scan a code: who, which event, the registration's state. Reads only. */
export async function scanOf(executor: Executor, token: string) {
  const id = registrationIdOfToken(token);
  const registration = id ? await registrationOf(executor, id, undefined) : undefined;
  if (!registration) return undefined;
  const person = (await personCards(executor, [registration.personId])).get(registration.personId);
  const event = (await getEvent(executor, registration.eventId))!;
  const [present] = await executor
    .select()
    .from(attendance)
    .where(and(eq(attendance.eventId, registration.eventId), eq(attendance.personId, registration.personId)));
  return {
    registration,
    event,
    name: person ? `${person.firstName} ${person.lastName}` : m.someone().text,
    organisation: person?.organisationName ?? null,
    presentSince: present?.recordedAt ?? null,
  };
}

export type Scan = NonNullable<Awaited<ReturnType<typeof scanOf>>>;

/** Whether `at` falls in the event's check-in window: from `marginHours` before its start to as long after its end. */
export const inCheckInWindow = (
  event: Pick<Event, 'startsAt' | 'endsAt'>,
  marginHours: number,
  at: Date = new Date(),
) =>
  at.getTime() >= event.startsAt.getTime() - marginHours * 3_600_000 &&
  at.getTime() <= event.endsAt.getTime() + marginHours * 3_600_000;

/**
 * The QR code scanned by staff and confirmed (a POST): the presence recorded, `source` « qr ». A refusal names
 * the person (« Hélène Garnier : Cette personne est sur la liste d’attente. »), for the staff member holding
 * the phone.
 */
export async function checkInByToken(
  executor: Executor,
  token: string,
  actorId: string,
): Promise<Result<{ recorded: boolean; event: Event; name: string }>> {
  const scan = await scanOf(executor, token);
  if (!scan) return fail(404, 'not_found', m.unknownCheckInCode());
  const result = await checkIn(executor, scan.registration.id, actorId, 'qr');
  if (!result.ok) {
    const { status, code, message } = result.error;
    return fail(status, code, m.refusedFor({ name: scan.name, reason: message }));
  }
  return ok({ recorded: result.value.recorded, event: scan.event, name: scan.name });
}
