// The private « my registrations » feed: a secret address per person, revocable by making a new one.
import { and, eq, ne } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { type CalendarEntry, toCalendar } from '../../platform/ical/ical.ts';
import { hashSecret, newSecret } from '../../platform/secrets.ts';
import { calendarFeeds, events, registrations } from './events.schema.ts';
import type { Event } from './events.ts';

/** Creates (or replaces, which revokes the old address) the person's feed; returns its secret. */
export async function renewCalendarFeed(executor: Executor, personId: string): Promise<string> {
  const token = newSecret();
  await executor
    .insert(calendarFeeds)
    .values({ personId, tokenHash: hashSecret(token) })
    .onConflictDoUpdate({
      target: calendarFeeds.personId,
      set: { tokenHash: hashSecret(token), createdAt: new Date() },
    });
  await audit(executor, { actorId: personId, action: 'renew', entity: 'calendar_feed', entityId: personId });
  return token;
}

export async function revokeCalendarFeed(executor: Executor, personId: string) {
  await executor.delete(calendarFeeds).where(eq(calendarFeeds.personId, personId));
  await audit(executor, { actorId: personId, action: 'revoke', entity: 'calendar_feed', entityId: personId });
}

export async function hasCalendarFeed(executor: Executor, personId: string) {
  const rows = await executor
    .select({ p: calendarFeeds.personId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.personId, personId));
  return rows.length > 0;
}

/** What a calendar needs of the platform: its address (event links) and its domain (UIDs). */
export interface CalendarSite {
  baseUrl: string;
  domain: string;
}

/** The event's UID in every calendar and every mail, stable across changes (RFC 5545 § 3.8.4.7). */
export const eventUid = (eventId: string, domain: string) => `${eventId}@${domain}`;

/**
 * An event as calendars show it. A place on the waiting list is TENTATIVE; a cancelled event CANCELLED,
 * its title saying so too, for the clients that hide the status.
 */
export function calendarEntry(
  event: Event,
  site: CalendarSite,
  options: { withOnlineUrl?: boolean; waitlisted?: boolean } = {},
): CalendarEntry {
  const location = [event.venue, options.withOnlineUrl ? event.onlineUrl : null].filter(Boolean).join(' — ');
  const cancelled = event.cancelledAt !== null;
  const prefix = cancelled ? '[Annulé] ' : options.waitlisted ? '[Liste d’attente] ' : '';
  return {
    uid: eventUid(event.id, site.domain),
    sequence: event.sequence,
    title: `${prefix}${event.title}`,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: location || (event.format === 'online' ? 'Visioconférence' : null),
    description: cancelled
      ? [`Événement annulé. ${event.cancellationReason ?? ''}`.trim(), event.description]
          .filter(Boolean)
          .join('\n\n')
      : event.description,
    url: `${site.baseUrl}/agenda/${event.id}`,
    status: cancelled ? 'cancelled' : options.waitlisted ? 'tentative' : 'confirmed',
  };
}

/** The feed behind a secret, or undefined for an unknown or revoked one. */
export async function personalFeed(
  executor: Executor,
  token: string,
  site: CalendarSite,
): Promise<string | undefined> {
  const [feed] = await executor
    .select()
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, hashSecret(token)));
  if (!feed) return undefined;
  const rows = await executor
    .select({ event: events, status: registrations.status })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.personId, feed.personId), ne(registrations.status, 'cancelled')));
  return toCalendar(
    'Mes inscriptions — Coopdec',
    rows.map(({ event, status }) =>
      calendarEntry(event, site, {
        withOnlineUrl: status === 'confirmed',
        waitlisted: status === 'waitlisted',
      }),
    ),
  );
}
