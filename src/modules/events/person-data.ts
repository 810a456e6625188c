// What the agenda does for a person's rights (RGPD), as `people.exported` / `people.erased` of the manifest:
//
// - The copy holds their registrations (each event, its date, the state, the mode, whether someone else
//   registered them), their attendance (how it was recorded, minutes online), their invitations and whether
//   they have a private calendar feed (never its secret address).
// - Erasure keeps the past as counts without a name (the person's record is anonymised by the organisations
//   module): past registrations and attendance stay, for the network's reports and the path's certificates.
//   What is still to come is withdrawn: registrations to events not started yet are cancelled, without a mail
//   (the seat freed is for staff to give, as after a merge), invitations are deleted, and the calendar feed
//   stops working.
import { and, asc, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { attendance, calendarFeeds, eventInvitations, events, registrations } from './events.schema.ts';

const iso = (at: Date | null) => at?.toISOString() ?? null;

export async function exportedEventsData(executor: Executor, personId: string) {
  const [registered, attended, invited, feeds] = await Promise.all([
    executor
      .select({ registration: registrations, title: events.title, startsAt: events.startsAt })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(eq(registrations.personId, personId))
      .orderBy(asc(events.startsAt)),
    executor
      .select({ attendance, title: events.title, startsAt: events.startsAt })
      .from(attendance)
      .innerJoin(events, eq(events.id, attendance.eventId))
      .where(eq(attendance.personId, personId))
      .orderBy(asc(events.startsAt)),
    executor
      .select({ title: events.title, startsAt: events.startsAt })
      .from(eventInvitations)
      .innerJoin(events, eq(events.id, eventInvitations.eventId))
      .where(eq(eventInvitations.personId, personId))
      .orderBy(asc(events.startsAt)),
    executor
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.personId, personId)),
  ]);
  if (registered.length + attended.length + invited.length + feeds.length === 0) return undefined;
  return {
    title: 'Agenda',
    data: {
      registrations: registered.map(({ registration: r, title, startsAt }) => ({
        event: title,
        startsAt: startsAt.toISOString(),
        status: r.status,
        mode: r.mode,
        registeredBySomeoneElse: r.registeredBy !== null && r.registeredBy !== personId,
        createdAt: r.createdAt.toISOString(),
        promotedAt: iso(r.promotedAt),
        cancelledAt: iso(r.cancelledAt),
      })),
      attendance: attended.map(({ attendance: a, title, startsAt }) => ({
        event: title,
        startsAt: startsAt.toISOString(),
        source: a.source,
        minutes: a.minutes,
        recordedAt: a.recordedAt.toISOString(),
      })),
      invitations: invited.map((i) => ({ event: i.title, startsAt: i.startsAt.toISOString() })),
      calendarFeed: feeds[0] ? { createdAt: feeds[0].createdAt.toISOString() } : null,
    },
  };
}

export async function eraseEventsData(executor: Executor, personId: string, at = new Date()): Promise<void> {
  const toCome = executor
    .select({ id: events.id })
    .from(events)
    .where(and(gt(events.startsAt, at), isNull(events.cancelledAt)));
  await executor
    .update(registrations)
    .set({ status: 'cancelled', cancelledAt: at })
    .where(
      and(
        eq(registrations.personId, personId),
        ne(registrations.status, 'cancelled'),
        inArray(registrations.eventId, toCome),
      ),
    );
  await executor.delete(eventInvitations).where(eq(eventInvitations.personId, personId));
  await executor.delete(calendarFeeds).where(eq(calendarFeeds.personId, personId));
}
