// Calendar feeds (RFC 5545) made by ical-generator: calendar applications accept them as they are.
import ical, { ICalEventStatus } from 'ical-generator';

export interface CalendarEntry {
  uid: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  location?: string | null;
  description?: string | null;
  url: string;
  cancelled?: boolean;
}

export function toCalendar(name: string, entries: CalendarEntry[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'Coopdec', product: 'agenda', language: 'FR' },
    timezone: 'Europe/Paris',
  });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      summary: entry.title,
      start: entry.startsAt,
      end: entry.endsAt,
      location: entry.location ?? null,
      description: entry.description ?? null,
      url: entry.url,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
