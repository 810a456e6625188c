// A call's information webinars (« atelier d'information », as the 8th call's of 24 May 2022) are events of
// the agenda linked to the call (`call_events`): staff tick the call in the event's form (`callIds`), the
// event's page names the call, the call's page lists its webinars.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { fail, ok } from '../../platform/result.ts';
import type { EventLinkDefinition } from '../events/event-links.ts';
import { type Event, getEventsByIds } from '../events/events.ts';
import { callName } from './applicant-queries.ts';
import { callsMessages as m } from './calls.messages.ts';
import { callEvents, calls } from './calls.schema.ts';
import { type Call, listCalls } from './calls.ts';

async function linkedCallIds(executor: Executor, eventId: string): Promise<string[]> {
  const rows = await executor
    .select({ callId: callEvents.callId })
    .from(callEvents)
    .where(eq(callEvents.eventId, eventId));
  return rows.map((r) => r.callId);
}

async function callsByIds(executor: Executor, ids: readonly string[]): Promise<Call[]> {
  if (ids.length === 0) return [];
  return executor
    .select()
    .from(calls)
    .where(inArray(calls.id, [...ids]));
}

/** A call's webinars, the earliest first (cancelled ones included: the page says so). */
export async function webinarsOf(executor: Executor, callId: string): Promise<Event[]> {
  const rows = await executor
    .select({ eventId: callEvents.eventId })
    .from(callEvents)
    .where(eq(callEvents.callId, callId));
  const found = await getEventsByIds(
    executor,
    rows.map((r) => r.eventId),
  );
  return found.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

// Asked by the agenda for each page of events (prepared: platform/db/prepared.ts).
const callsOfEvents = prepared((executor) =>
  executor
    .select()
    .from(callEvents)
    .where(sql`${callEvents.eventId} = any(${sql.placeholder('events')}::uuid[])`)
    .prepare('call_webinars_of'),
);

export const callEventLinks: EventLinkDefinition = {
  field: 'callIds',
  description: 'Les appels DCOL dont l’événement est un atelier d’information',
  legend: 'Atelier d’information d’un appel DCOL',
  async check(executor, ids) {
    const found = await callsByIds(executor, ids);
    if (found.length !== ids.length)
      return fail(422, 'unknown_call', m.notFound(), { callIds: m.notFound().text });
    return ok(true);
  },
  async set(executor, eventId, ids) {
    const current = await linkedCallIds(executor, eventId);
    const added = ids.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !ids.includes(id));
    if (added.length)
      await executor
        .insert(callEvents)
        .values(added.map((callId) => ({ callId, eventId })))
        .onConflictDoNothing();
    if (removed.length)
      await executor
        .delete(callEvents)
        .where(and(eq(callEvents.eventId, eventId), inArray(callEvents.callId, removed)));
    return added.length + removed.length > 0;
  },
  linked: linkedCallIds,
  async choices(executor, selected) {
    // The calls not yet closed, and those the event already names.
    const now = new Date();
    const offered = (await listCalls(executor)).filter((c) => c.closesAt > now || selected.includes(c.id));
    return offered.map((c) => ({ id: c.id, label: callName(c) }));
  },
  async labels(executor, eventIds) {
    const rows = await callsOfEvents(executor).execute({ events: eventIds });
    const named = new Map(
      (
        await callsByIds(
          executor,
          rows.map((r) => r.callId),
        )
      ).map((c) => [c.id, c]),
    );
    const labels = new Map<string, { label: string; href: string }[]>();
    for (const { callId, eventId } of rows) {
      const call = named.get(callId);
      if (!call) continue;
      labels.set(eventId, [
        ...(labels.get(eventId) ?? []),
        { label: `Atelier d’information du ${callName(call)}`, href: `/appels/${call.id}` },
      ]);
    }
    return labels;
  },
};
