// Reading registrations: an event's list for staff (with attendance), a person's own list.
import { and, asc, eq, inArray, ne, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { personCards } from '../organisations/directory.ts';
import { attendance, events, type RegistrationStatus, registrations } from './events.schema.ts';

/**
 * An event's registrations, confirmed first, then waiting, then cancelled (each in the order they came),
 * with the person's name, address and organisation (asked of the members' module) and their attendance.
 */
export async function listRegistrations(executor: Executor, eventId: string) {
  const rows = await executor
    .select({
      registration: registrations,
      attendance: {
        recordedAt: attendance.recordedAt,
        source: attendance.source,
        minutes: attendance.minutes,
      },
    })
    .from(registrations)
    .leftJoin(
      attendance,
      and(eq(attendance.eventId, registrations.eventId), eq(attendance.personId, registrations.personId)),
    )
    .where(eq(registrations.eventId, eventId))
    .orderBy(
      asc(sql`case ${registrations.status} when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`),
      asc(registrations.createdAt),
      asc(registrations.id),
    );
  const cards = await personCards(
    executor,
    rows.map((r) => r.registration.personId),
  );
  return rows.flatMap(({ registration, attendance }) => {
    const card = cards.get(registration.personId);
    if (!card) return [];
    const { id, firstName, lastName, email, kind, organisationName } = card;
    return [{ registration, person: { id, firstName, lastName, email, kind }, organisationName, attendance }];
  });
}

export async function listRegistrationsOf(executor: Executor, personId: string) {
  return executor
    .select({ registration: registrations, event: events, attendedAt: attendance.recordedAt })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .leftJoin(
      attendance,
      and(eq(attendance.eventId, registrations.eventId), eq(attendance.personId, registrations.personId)),
    )
    .where(and(eq(registrations.personId, personId), ne(registrations.status, 'cancelled')))
    .orderBy(asc(events.startsAt));
}

export async function liveRegistration(executor: Executor, eventId: string, personId: string) {
  const [row] = await executor
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.personId, personId),
        ne(registrations.status, 'cancelled'),
      ),
    );
  return row;
}

export async function seatsTaken(executor: Executor, eventId: string) {
  const [row] = await executor
    .select({
      confirmed: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
    })
    .from(registrations)
    .where(eq(registrations.eventId, eventId));
  return { confirmed: row?.confirmed ?? 0, waitlisted: row?.waitlisted ?? 0 };
}

/**
 * A person's part in some events: their live registration status and whether they attended.
 * Attendance comes only from attendance records.
 */
export async function participationOf(executor: Executor, personId: string, eventIds: string[]) {
  const result = new Map<string, { status: RegistrationStatus | null; attended: boolean }>();
  if (eventIds.length === 0) return result;
  const [regs, present] = await Promise.all([
    executor
      .select({ eventId: registrations.eventId, status: registrations.status })
      .from(registrations)
      .where(
        and(
          eq(registrations.personId, personId),
          inArray(registrations.eventId, eventIds),
          ne(registrations.status, 'cancelled'),
        ),
      ),
    executor
      .select({ eventId: attendance.eventId })
      .from(attendance)
      .where(and(eq(attendance.personId, personId), inArray(attendance.eventId, eventIds))),
  ]);
  for (const id of eventIds) result.set(id, { status: null, attended: false });
  for (const r of regs) result.get(r.eventId)!.status = r.status;
  for (const a of present) result.get(a.eventId)!.attended = true;
  return result;
}

/** For many people at once: which of these events each attended (for the cohort table). */
export async function attendanceByPerson(executor: Executor, personIds: string[], eventIds: string[]) {
  const result = new Map<string, Set<string>>();
  if (personIds.length === 0 || eventIds.length === 0) return result;
  const rows = await executor
    .select({ personId: attendance.personId, eventId: attendance.eventId })
    .from(attendance)
    .where(and(inArray(attendance.personId, personIds), inArray(attendance.eventId, eventIds)));
  for (const row of rows) {
    if (!result.has(row.personId)) result.set(row.personId, new Set());
    result.get(row.personId)!.add(row.eventId);
  }
  return result;
}

// ——— For modules whose rows extend a registration (the Rencontres') ———
// They filter and count their rows by the registration's state without reading the agenda's table: SQL the
// agenda writes, placed in their statements. Written with their own alias, so that the outer statement's
// columns (rendered without their table in a one-table select) are never taken for the registration's.

/** The status of the registration `id` names (a column or a value), as an SQL expression. */
export const registrationStatusOf = (id: SQLWrapper) =>
  sql<RegistrationStatus>`(select r.status from registrations r where r.id = ${id})`;

/** The ids of a person's registrations, as an SQL subquery. */
export const registrationIdsOf = (personId: string) =>
  sql`(select r.id from registrations r where r.person_id = ${personId}::uuid)`;

/** The person of the registration `id` names, as an SQL expression. */
export const registrationPersonOf = (id: SQLWrapper) =>
  sql<string>`(select r.person_id from registrations r where r.id = ${id})`;

/** When the event `id` names ends, as an SQL expression. */
export const eventEndOf = (id: SQLWrapper) => sql<Date>`(select e.ends_at from events e where e.id = ${id})`;
