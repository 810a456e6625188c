// A group's meetings are events of the agenda, linked to one group or several (`group_events`). The agenda
// learns of the link through `groupEventLinks` (the `groupIds` of an event's creation, the group's name on
// the event's page): it knows nothing else of groups.
import { and, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import type { EventLinkDefinition } from '../events/event-links.ts';
import { type Event, getEvent, getEventsByIds } from '../events/events.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { groupEvents } from './groups.schema.ts';
import { type Group, getGroup, getGroupsByIds, groupTitle, listGroups } from './groups.ts';

export async function linkMeeting(
  executor: Executor,
  groupId: string,
  eventId: string,
  actorId: string | null,
): Promise<Result<true>> {
  if (!(await getGroup(executor, groupId))) return fail(404, 'not_found', m.groupNotFound());
  if (!(await getEvent(executor, eventId)))
    return fail(422, 'unknown_event', m.eventNotFound(), { eventId: m.eventNotFound().text });
  const added = await executor
    .insert(groupEvents)
    .values({ groupId, eventId })
    .onConflictDoNothing()
    .returning({ eventId: groupEvents.eventId });
  if (added.length === 0)
    return fail(409, 'already_meeting', m.alreadyMeeting(), { eventId: m.alreadyMeeting().text });
  await audit(executor, {
    actorId,
    action: 'link_meeting',
    entity: 'group',
    entityId: groupId,
    data: { eventId },
  });
  return ok(true);
}

/** The event stops being a meeting of the group (404 when it was not one); the event itself stays. */
export async function unlinkMeeting(
  executor: Executor,
  groupId: string,
  eventId: string,
  actorId: string | null,
): Promise<Result<true>> {
  const removed = await executor
    .delete(groupEvents)
    .where(and(eq(groupEvents.groupId, groupId), eq(groupEvents.eventId, eventId)))
    .returning({ eventId: groupEvents.eventId });
  if (removed.length === 0) return fail(404, 'not_meeting', m.notMeeting());
  await audit(executor, {
    actorId,
    action: 'unlink_meeting',
    entity: 'group',
    entityId: groupId,
    data: { eventId },
  });
  return ok(true);
}

async function linkedGroupIds(executor: Executor, eventId: string): Promise<string[]> {
  const rows = await executor
    .select({ groupId: groupEvents.groupId })
    .from(groupEvents)
    .where(eq(groupEvents.eventId, eventId));
  return rows.map((r) => r.groupId);
}

/** The groups an event is a meeting of. */
export async function groupsOfEvent(executor: Executor, eventId: string): Promise<Group[]> {
  return getGroupsByIds(executor, await linkedGroupIds(executor, eventId));
}

/** A group's meetings, by date. */
export async function meetingsOf(executor: Executor, groupId: string): Promise<Event[]> {
  const rows = await executor
    .select({ eventId: groupEvents.eventId })
    .from(groupEvents)
    .where(eq(groupEvents.groupId, groupId));
  return getEventsByIds(
    executor,
    rows.map((r) => r.eventId),
  );
}

/** Is the event a meeting of that group? */
export async function isMeetingOf(executor: Executor, groupId: string, eventId: string): Promise<boolean> {
  const rows = await executor
    .select({ eventId: groupEvents.eventId })
    .from(groupEvents)
    .where(and(eq(groupEvents.groupId, groupId), eq(groupEvents.eventId, eventId)));
  return rows.length > 0;
}

// Asked by the agenda for each page of events (prepared: platform/db/prepared.ts).
const groupsOfEvents = prepared((executor) =>
  executor
    .select({ groupId: groupEvents.groupId, eventId: groupEvents.eventId })
    .from(groupEvents)
    .where(sql`${groupEvents.eventId} = any(${sql.placeholder('events')}::uuid[])`)
    .prepare('group_meetings_of'),
);

/** What the agenda asks of groups: `groupIds` at an event's creation, the groups' names on its page. */
export const groupEventLinks: EventLinkDefinition = {
  field: 'groupIds',
  description: 'Les groupes (groupes-pays, dynamiques, missions) dont l’événement est une réunion',
  async check(executor, ids) {
    const found = await getGroupsByIds(executor, ids);
    if (found.length !== ids.length)
      return fail(422, 'unknown_group', m.groupNotFound(), { groupIds: m.groupNotFound().text });
    return ok(true);
  },
  legend: 'Réunion des groupes',
  async set(executor, eventId, ids, actorId) {
    const current = await linkedGroupIds(executor, eventId);
    const added = ids.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !ids.includes(id));
    for (const groupId of added) await linkMeeting(executor, groupId, eventId, actorId);
    for (const groupId of removed) await unlinkMeeting(executor, groupId, eventId, actorId);
    return added.length + removed.length > 0;
  },
  linked: linkedGroupIds,
  async choices(executor, selected) {
    // Archived groups are offered only to the meetings that are theirs already (unticking them stays possible).
    const offered = await listGroups(executor);
    const open = new Set(offered.map((g) => g.id));
    const archived = await getGroupsByIds(
      executor,
      selected.filter((id) => !open.has(id)),
    );
    return [...offered, ...archived].map((g) => ({ id: g.id, label: groupTitle(g) }));
  },
  async labels(executor, eventIds) {
    const rows = await groupsOfEvents(executor).execute({ events: eventIds });
    const named = new Map(
      (
        await getGroupsByIds(
          executor,
          rows.map((r) => r.groupId),
        )
      ).map((g) => [g.id, g]),
    );
    const labels = new Map<string, { label: string; href: string }[]>();
    for (const { groupId, eventId } of rows) {
      const group = named.get(groupId);
      if (!group) continue;
      labels.set(eventId, [
        ...(labels.get(eventId) ?? []),
        { label: groupTitle(group), href: `/groupes/${group.slug}` },
      ]);
    }
    return labels;
  },
};
