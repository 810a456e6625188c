// Reading registrations: an event's list for staff (with attendance), a person's own list.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { organisations, people } from '../organisations/organisations.schema.ts';
import { attendance, events, registrations } from './events.schema.ts';

export async function listRegistrations(executor: Executor, eventId: string) {
  return executor
    .select({
      registration: registrations,
      person: {
        id: people.id,
        firstName: people.firstName,
        lastName: people.lastName,
        email: people.email,
        kind: people.kind,
      },
      organisationName: organisations.name,
      attendance: {
        recordedAt: attendance.recordedAt,
        source: attendance.source,
        minutes: attendance.minutes,
      },
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
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
