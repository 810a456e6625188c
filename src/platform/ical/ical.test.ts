import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertWellFormed, readCalendar } from '../../../tests/ical.ts';
import { type CalendarEntry, toCalendar, toInvitation } from './ical.ts';

// 15:00 in Paris, summer (UTC+2) and winter (UTC+1).
const summer = new Date('2027-07-08T13:00:00Z');
const winter = new Date('2026-12-15T14:00:00Z');
const hour = 3_600_000;

const entry = (over: Partial<CalendarEntry> = {}): CalendarEntry => ({
  uid: '5d1f2c3e-0000-4000-8000-000000000001@agenda.reseau.example.fr',
  sequence: 0,
  title: 'Comité de pilotage franco-sénégalais : « coopération », été',
  startsAt: summer,
  endsAt: new Date(summer.getTime() + 2 * hour),
  location: 'Sénat, salle Médicis; Paris',
  description: 'Ordre du jour :\n1. Bilan\n2. Suite',
  url: 'https://agenda.reseau.example.fr/agenda/5d1f2c3e',
  status: 'confirmed',
  ...over,
});

describe('calendars as ical.js reads them', () => {
  it('writes UTC instants that readers in Paris and New York both see as the same, summer and winter', () => {
    const ics = toCalendar('Agenda du réseau', [
      entry(),
      entry({
        uid: 'hiver@agenda.reseau.example.fr',
        startsAt: winter,
        endsAt: new Date(winter.getTime() + hour),
      }),
    ]);
    const { method, events } = readCalendar(ics);
    assert.equal(method, null, 'a feed has no iTIP method');
    assert.deepEqual(
      events.map((e) => [
        e.startsAt.toISOString(),
        e.endsAt.toISOString(),
        e.startsAtElsewhere.toISOString(),
      ]),
      [
        ['2027-07-08T13:00:00.000Z', '2027-07-08T15:00:00.000Z', '2027-07-08T13:00:00.000Z'],
        ['2026-12-15T14:00:00.000Z', '2026-12-15T15:00:00.000Z', '2026-12-15T14:00:00.000Z'],
      ],
    );
    assertWellFormed(ics);
    assert.match(ics, /\r\nDTSTART:20270708T130000Z\r\n/);
    assert.doesNotMatch(ics, /TIMEZONE-ID|TZID/);
    assert.equal(events[0]!.summary, 'Comité de pilotage franco-sénégalais : « coopération », été');
    assert.equal(events[0]!.location, 'Sénat, salle Médicis; Paris');
    assert.equal(events[0]!.description, 'Ordre du jour :\n1. Bilan\n2. Suite');
  });

  it('gives each entry its status and sequence, and none when asked for none', () => {
    const ics = toCalendar('x', [
      entry({ uid: 'a@d.fr', status: 'tentative', sequence: 2 }),
      entry({ uid: 'b@d.fr', status: 'cancelled', sequence: 5 }),
      entry({ uid: 'c@d.fr', status: null }),
    ]);
    assertWellFormed(ics);
    const { events } = readCalendar(ics);
    assert.deepEqual(
      events.map((e) => [e.uid, e.status, e.sequence]),
      [
        ['a@d.fr', 'TENTATIVE', 2],
        ['b@d.fr', 'CANCELLED', 5],
        ['c@d.fr', null, 0],
      ],
    );
  });

  it('stamps DTSTAMP in UTC with the time it is given, whatever the host’s zone', () => {
    const ics = toCalendar('x', [entry()], new Date('2026-11-30T23:30:05Z'));
    assert.match(ics, /\r\nDTSTAMP:20261130T233005Z\r\n/);
  });

  it('writes an iTIP REQUEST with the network as organiser and the person as the one attendee', () => {
    const ics = toInvitation({
      method: 'REQUEST',
      entry: entry({ sequence: 3, startsAt: winter, endsAt: new Date(winter.getTime() + hour) }),
      organizer: { name: 'Cités Unies France', email: 'ne-pas-repondre@reseau.example.fr' },
      attendee: { name: 'Inès Marchand', email: 'ines.marchand@cannes.example.fr', partstat: 'ACCEPTED' },
    });
    assertWellFormed(ics, 'REQUEST');
    const { method, events } = readCalendar(ics);
    assert.equal(method, 'REQUEST');
    assert.equal(events.length, 1);
    const [event] = events;
    assert.equal(event!.sequence, 3);
    assert.equal(event!.startsAt.toISOString(), '2026-12-15T14:00:00.000Z');
    assert.equal(event!.organizer?.toLowerCase(), 'mailto:ne-pas-repondre@reseau.example.fr');
    assert.deepEqual(event!.attendees, [
      {
        address: 'MAILTO:ines.marchand@cannes.example.fr',
        partstat: 'ACCEPTED',
        rsvp: 'FALSE',
        cn: 'Inès Marchand',
      },
    ]);
  });

  it('writes an iTIP CANCEL that removes one attendee without a STATUS, as RFC 5546 § 3.2.5 asks', () => {
    const ics = toInvitation({
      method: 'CANCEL',
      entry: entry({ status: null, sequence: 1 }),
      organizer: { name: 'Cités Unies France', email: 'ne-pas-repondre@reseau.example.fr' },
      attendee: { name: 'Inès Marchand', email: 'ines.marchand@cannes.example.fr' },
    });
    assertWellFormed(ics, 'CANCEL');
    const { method, events } = readCalendar(ics);
    assert.equal(method, 'CANCEL');
    assert.equal(events[0]!.status, null);
    assert.equal(events[0]!.attendees[0]!.partstat, null);
  });
});
