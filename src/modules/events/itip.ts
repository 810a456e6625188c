// The calendar part of the agenda's mails (iTIP, RFC 5546): what the recipient's calendar should do with
// the event. The network is the organiser, the recipient the one attendee; the UID and SEQUENCE are those
// of the feeds, so that a meeting added from a mail, a downloaded .ics or a feed is one and the same.
import { type CalendarStatus, toInvitation } from '../../platform/ical/ical.ts';
import type { Identity } from '../../platform/identity.ts';
import type { MailCalendar } from '../../platform/mail/mail.tsx';
import { calendarEntry } from './calendar-feeds.ts';
import type { Event } from './events.ts';

/**
 * - `registered`: add or update the meeting, the person attending (REQUEST, PARTSTAT=ACCEPTED);
 * - `invited`: add it, to be answered by registering (REQUEST, PARTSTAT=NEEDS-ACTION);
 * - `removed`: the person's registration is cancelled (CANCEL for this attendee only, so no STATUS);
 * - `cancelled`: the event will not take place (CANCEL, STATUS:CANCELLED).
 */
export type CalendarAction = 'registered' | 'invited' | 'removed' | 'cancelled';

export interface CalendarSettings {
  baseUrl: string;
  identity: Identity;
}

export function calendarPart(
  event: Event,
  person: { firstName: string; lastName: string; email: string },
  action: CalendarAction,
  settings: CalendarSettings,
  options: { withOnlineUrl?: boolean; at?: Date } = {},
): MailCalendar {
  const entry = calendarEntry(
    event,
    { baseUrl: settings.baseUrl, domain: settings.identity.domain },
    { withOnlineUrl: options.withOnlineUrl ?? false },
  );
  const method = action === 'registered' || action === 'invited' ? 'REQUEST' : 'CANCEL';
  const status: CalendarStatus | null = action === 'removed' ? null : entry.status;
  const content = toInvitation(
    {
      method,
      entry: { ...entry, status },
      organizer: settings.identity.sender,
      attendee: {
        name: `${person.firstName} ${person.lastName}`,
        email: person.email,
        ...(action === 'registered' ? { partstat: 'ACCEPTED' as const } : {}),
        ...(action === 'invited' ? { partstat: 'NEEDS-ACTION' as const } : {}),
      },
    },
    options.at,
  );
  return { method, content };
}
