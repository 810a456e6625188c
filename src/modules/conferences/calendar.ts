// An edition's sessions as an iCalendar: the whole programme (public), or one person's (the sessions open to
// all and the workshops they chose).
import { toCalendar } from '../../platform/ical/ical.ts';
import type { CalendarSite } from '../events/calendar-feeds.ts';
import type { Conference, Room, SessionWithSpeakers } from './conferences.ts';
import { sessionKindLabels } from './conferences.ts';

export function programmeCalendar(
  name: string,
  conference: Conference,
  rooms: Room[],
  sessions: SessionWithSpeakers[],
  site: CalendarSite,
  /** Sessions where the person waits for a seat: TENTATIVE, and said so in the title (as the agenda's feeds). */
  waitlisted: ReadonlySet<string> = new Set(),
): string {
  const { event } = conference;
  const roomOf = new Map(rooms.map((r) => [r.id, r.name]));
  return toCalendar(
    name,
    sessions.map((s) => ({
      uid: `${s.id}@${site.domain}`,
      // A feed is read again whole: only invitations sent by mail need a raised SEQUENCE.
      sequence: 0,
      title: waitlisted.has(s.id) ? `[Liste d’attente] ${s.title}` : s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      location: [s.roomId ? roomOf.get(s.roomId) : null, event.venue].filter(Boolean).join(' — ') || null,
      description: [
        sessionKindLabels[s.kind],
        s.speakers.map((p) => (p.title ? `${p.name}, ${p.title}` : p.name)).join(' ; '),
        s.note,
      ]
        .filter(Boolean)
        .join('\n\n'),
      url: `${site.baseUrl}/rencontres/${conference.id}/seances/${s.id}`,
      status: event.cancelledAt
        ? 'cancelled'
        : event.provisional || waitlisted.has(s.id)
          ? 'tentative'
          : 'confirmed',
    })),
  );
}
