// Calendars (RFC 5545) made by ical-generator: the feeds, and the iTIP parts of mails (RFC 5546).
//
// Times are written in UTC (`20261215T140000Z`), never as floating local times: the database holds
// instants, and an instant in UTC reads the same in every client on every host. Clients show it in their
// user's own zone. Why not TZID=Europe/Paris with a VTIMEZONE: docs/decisions/008-calendars.md.
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  type ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';

/** `tentative` is a place on a waiting list; `cancelled` an event that will not take place. */
export type CalendarStatus = 'confirmed' | 'tentative' | 'cancelled';

export interface CalendarEntry {
  /** Stable across changes: `<event id>@<platform domain>`. */
  uid: string;
  /** Raised at each change, so that a calendar replaces its copy (RFC 5545 § 3.8.7.4). */
  sequence: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location?: string | null;
  description?: string | null;
  url: string;
  /** No STATUS at all when null (an iTIP CANCEL that removes one attendee must not carry one). */
  status: CalendarStatus | null;
}

const statuses: Record<CalendarStatus, ICalEventStatus> = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
};

const prodId = { company: 'Coopdec', product: 'agenda', language: 'FR' };

function addEvent(calendar: ICalCalendar, entry: CalendarEntry, stamp: Date) {
  return calendar.createEvent({
    id: entry.uid,
    sequence: entry.sequence,
    stamp,
    summary: entry.title,
    start: entry.startsAt,
    end: entry.endsAt,
    location: entry.location ?? null,
    description: entry.description ?? null,
    url: entry.url,
    status: entry.status ? statuses[entry.status] : null,
  });
}

/** ical-generator ends the last line without its CRLF, which RFC 5545 § 3.1 asks for every line. */
const finish = (calendar: ICalCalendar) => `${calendar.toString()}\r\n`;

/** A feed or a downloaded `.ics`: the events as they stand. DTSTAMP is when the file is made. */
export function toCalendar(name: string, entries: CalendarEntry[], at: Date = new Date()): string {
  const calendar = ical({ name, prodId });
  for (const entry of entries) addEvent(calendar, entry, at);
  return finish(calendar);
}

export interface Mailbox {
  name: string;
  email: string;
}

export interface Invitation {
  /** REQUEST adds or updates the meeting in the attendee's calendar; CANCEL removes it. */
  method: 'REQUEST' | 'CANCEL';
  entry: CalendarEntry;
  /** The network, whose address sends the mail (iTIP asks that the organiser be the sender). */
  organizer: Mailbox;
  attendee: Mailbox & {
    /** ACCEPTED once registered; NEEDS-ACTION for an invitation not answered yet; none in a CANCEL. */
    partstat?: 'ACCEPTED' | 'NEEDS-ACTION';
  };
}

const partstats = { ACCEPTED: ICalAttendeeStatus.ACCEPTED, 'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION };

/**
 * The calendar part of a mail (iTIP). RSVP is FALSE: one answers by registering on the platform, not
 * by a calendar reply to an address that reads no mail.
 */
export function toInvitation(invitation: Invitation, at: Date = new Date()): string {
  const calendar = ical({
    prodId,
    method: invitation.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  const event = addEvent(calendar, invitation.entry, at);
  event.organizer({ name: invitation.organizer.name, email: invitation.organizer.email });
  event.createAttendee({
    name: invitation.attendee.name,
    email: invitation.attendee.email,
    role: ICalAttendeeRole.REQ,
    status: invitation.attendee.partstat ? partstats[invitation.attendee.partstat] : null,
    rsvp: false,
  });
  return finish(calendar);
}
