// What the agenda gives the pages that gather every module: a person's next events (their home page and
// « Mon espace »), the staff's attention (the next 30 days' events, how full, how many waiting) and the
// staff's search (events by title, whatever the accents).
import { and, asc, desc, eq, gt, isNull, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { containsWords, foldedWords } from '../../platform/db/fold.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { capitalised, formatDay, formatWhen } from '../../platform/time.ts';
import type { AttentionItem, PersonalBlock, SearchHit } from '../module.ts';
import { eventsMessages as m } from './events.messages.ts';
import { events, registrations } from './events.schema.ts';

/** How many of one's next events the home page shows (the rest are in « Mes inscriptions »). */
export const nextEventsShown = 3;
/** How far ahead the staff's home looks at events. */
export const attentionDays = 30;

/** The person's next registered events (confirmed or waiting), soonest first, each with its date in words. */
export async function eventsForPerson(
  executor: Executor,
  actor: Actor,
  at: Date,
): Promise<PersonalBlock | undefined> {
  const rows = await executor
    .select({ event: events, status: registrations.status })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.personId, actor.personId),
        ne(registrations.status, 'cancelled'),
        isNull(events.cancelledAt),
        gt(events.endsAt, at),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(nextEventsShown);
  return {
    title: m.nextEventsTitle().text,
    items: rows.map(({ event, status }) => ({
      label: event.title,
      href: `/agenda/${event.id}`,
      detail: `${capitalised(formatWhen(event.startsAt, event.endsAt))}${status === 'waitlisted' ? ` (${m.onWaitingList().text})` : ''}`,
    })),
    more: { label: m.allMyRegistrations().text, href: '/mes-inscriptions' },
  };
}

/**
 * The events of the next 30 days, not cancelled, soonest first: how many confirmed (of how many seats) and
 * how many wait, each a link to its staff page. An event nobody registered for yet counts 0, and the home
 * leaves out what counts 0.
 */
export async function eventsAttention(executor: Executor, at: Date): Promise<AttentionItem[]> {
  const rows = await executor
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      capacity: events.capacity,
      // Written out: in a query on one table drizzle leaves column names unqualified, and « id » inside the
      // subquery would be the registration's.
      confirmed: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'confirmed')`,
      waitlisted: sql<number>`(select count(*)::int from registrations r where r.event_id = events.id and r.status = 'waitlisted')`,
    })
    .from(events)
    .where(
      and(
        isNull(events.cancelledAt),
        gt(events.endsAt, at),
        lte(events.startsAt, new Date(at.getTime() + attentionDays * 86_400_000)),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id));
  return rows.map((row) => ({
    label: m.attentionEvent({
      title: row.title,
      day: formatDay(row.startsAt),
      confirmed: row.confirmed,
      capacity: row.capacity,
      waitlisted: row.waitlisted,
    }).text,
    count: row.confirmed,
    href: `/gestion/evenements/${row.id}`,
  }));
}

/** Events whose title has every word typed (accents aside), the latest first. */
export async function searchEvents(executor: Executor, words: string, limit: number): Promise<SearchHit[]> {
  const folded = foldedWords(words);
  if (folded.length === 0) return [];
  const rows = await executor
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(events)
    .where(containsWords(events.title, folded))
    .orderBy(desc(events.startsAt), asc(events.id))
    .limit(limit);
  return rows.map((row) => ({
    kind: 'Événement',
    title: row.title,
    detail: formatWhen(row.startsAt, row.endsAt),
    href: `/gestion/evenements/${row.id}`,
  }));
}
