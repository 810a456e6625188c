// The agenda's part of merging two records of one person (organisations/merge-people.ts): registrations,
// attendance, invitations, the calendar feed and what the person recorded move to the record kept.
// Where both records hold a row that must be unique, the more advanced one is kept:
// - two live registrations to one event: confirmed before waiting list, then the earlier one (its place in
//   the queue); the other is cancelled, not deleted (its QR code stops checking in). The seat it frees is
//   left for staff to give: promoting from here would mail people in the middle of a merge;
// - two attendances at one event: an in-person check-in (no minutes) before an online one, then the longer
//   online one, then the earlier; the other is deleted (one presence, recorded twice);
// - two calendar feeds: the kept record's; the other's secret address stops working.
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import {
  attendance,
  attendanceImports,
  calendarFeeds,
  eventDocuments,
  eventInvitations,
  eventMessages,
  registrations,
} from './events.schema.ts';

const m = defineMessages('events', {
  heldRegistrations: 'Inscriptions à des événements (annulées comprises)',
  heldAttendance: 'Présences à des événements',
  heldInvitations: 'Invitations à des événements',
});

const registrationRank = (alias: string) =>
  sql.raw(`(case ${alias}.status when 'confirmed' then 2 when 'waitlisted' then 1 else 0 end)`);
// An in-person presence (no minutes) counts as the whole event.
const attendanceRank = (alias: string) => sql.raw(`coalesce(${alias}.minutes, 2147483647)`);

export async function mergeEventsPerson(executor: Executor, fromId: string, intoId: string): Promise<void> {
  // Registrations: first cancel the other record's live ones that lose to the kept record's, then the kept
  // record's that lose to the other's still live (those won).
  await executor.execute(sql`
    update registrations f set status = 'cancelled', cancelled_at = now()
    from registrations i
    where f.person_id = ${fromId} and i.person_id = ${intoId} and f.event_id = i.event_id
      and f.status <> 'cancelled' and i.status <> 'cancelled'
      and (${registrationRank('f')} < ${registrationRank('i')}
        or (${registrationRank('f')} = ${registrationRank('i')} and (f.created_at, f.id) > (i.created_at, i.id)))`);
  await executor.execute(sql`
    update registrations i set status = 'cancelled', cancelled_at = now()
    from registrations f
    where f.person_id = ${fromId} and i.person_id = ${intoId} and f.event_id = i.event_id
      and f.status <> 'cancelled' and i.status <> 'cancelled'`);
  await executor.update(registrations).set({ personId: intoId }).where(eq(registrations.personId, fromId));
  await executor
    .update(registrations)
    .set({ registeredBy: intoId })
    .where(eq(registrations.registeredBy, fromId));

  // Attendance: the same way, the loser deleted.
  await executor.execute(sql`
    delete from attendance f using attendance i
    where f.person_id = ${fromId} and i.person_id = ${intoId} and f.event_id = i.event_id
      and (${attendanceRank('f')} < ${attendanceRank('i')}
        or (${attendanceRank('f')} = ${attendanceRank('i')} and (f.recorded_at, f.id) > (i.recorded_at, i.id)))`);
  await executor.execute(sql`
    delete from attendance i using attendance f
    where f.person_id = ${fromId} and i.person_id = ${intoId} and f.event_id = i.event_id`);
  await executor.update(attendance).set({ personId: intoId }).where(eq(attendance.personId, fromId));
  await executor.update(attendance).set({ recordedBy: intoId }).where(eq(attendance.recordedBy, fromId));

  await executor.execute(sql`
    insert into event_invitations (event_id, person_id)
    select event_id, ${intoId} from event_invitations where person_id = ${fromId}
    on conflict do nothing`);
  await executor.delete(eventInvitations).where(eq(eventInvitations.personId, fromId));

  const [kept] = await executor
    .select({ p: calendarFeeds.personId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.personId, intoId));
  if (kept) await executor.delete(calendarFeeds).where(eq(calendarFeeds.personId, fromId));
  else
    await executor.update(calendarFeeds).set({ personId: intoId }).where(eq(calendarFeeds.personId, fromId));

  await executor
    .update(eventDocuments)
    .set({ uploadedBy: intoId })
    .where(eq(eventDocuments.uploadedBy, fromId));
  await executor.update(eventMessages).set({ sentBy: intoId }).where(eq(eventMessages.sentBy, fromId));
  await executor
    .update(attendanceImports)
    .set({ createdBy: intoId })
    .where(eq(attendanceImports.createdBy, fromId));
  // A report not applied yet names the people it matched: the other record would be gone when it is.
  await executor.execute(sql`
    update attendance_imports set report = replace(report::text, ${fromId}, ${intoId})::jsonb
    where applied_at is null and strpos(report::text, ${fromId}) > 0`);
}

export async function eventsHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const counted = async (table: typeof registrations | typeof attendance | typeof eventInvitations) =>
    (await executor.select({ n: count() }).from(table).where(eq(table.personId, personId)))[0]?.n ?? 0;
  return [
    { key: 'events.registrations', label: m.heldRegistrations().text, count: await counted(registrations) },
    { key: 'events.attendance', label: m.heldAttendance().text, count: await counted(attendance) },
    { key: 'events.invitations', label: m.heldInvitations().text, count: await counted(eventInvitations) },
  ];
}
