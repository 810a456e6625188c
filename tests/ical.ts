// Calendars read as their clients read them: parsed by ical.js (Mozilla's parser, Thunderbird's), each
// time turned into the instant a person in a given time zone would see, and the rules of RFC 5545 that
// strict clients enforce checked line by line.
import assert from 'node:assert/strict';
import ICAL from 'ical.js';

type Time = InstanceType<typeof ICAL.Time>;
type Component = InstanceType<typeof ICAL.Component>;

/** The instant of a wall-clock time in an IANA zone (what a client with a time zone database computes). */
export function wallClockIn(
  zone: string,
  t: Pick<Time, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>,
) {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (instant: number) => {
    const p = Object.fromEntries(
      format.formatToParts(new Date(instant)).map((x) => [x.type, Number(x.value)]),
    );
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - instant;
  };
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

/**
 * The instant a person whose calendar is set to `readerZone` sees for a DATE-TIME property. A UTC time is
 * an instant; a TZID time is read in that zone (through the file's VTIMEZONE when ical.js has it); a
 * floating time — what the old feeds wrote — is read as the reader's own wall clock.
 */
export function instantFor(component: Component, name: string, readerZone: string): Date {
  const property = component.getFirstProperty(name);
  assert.ok(property, `${name} missing`);
  const time = property.getFirstValue() as Time;
  assert.equal(time.isDate, false, `${name} is a date-time`);
  const tzid = property.getParameter('tzid') as string | undefined;
  if (time.zone?.tzid === 'UTC') return time.toJSDate();
  if (tzid) return time.zone && time.zone.tzid === tzid ? time.toJSDate() : wallClockIn(tzid, time);
  return wallClockIn(readerZone, time);
}

export interface ReadEvent {
  component: Component;
  uid: string;
  sequence: number;
  summary: string;
  status: string | null;
  location: string | null;
  description: string | null;
  organizer: string | null;
  attendees: { address: string; partstat: string | null; rsvp: string | null; cn: string | null }[];
  /** The instants a reader in Paris sees. */
  startsAt: Date;
  endsAt: Date;
  /** The same, read by someone whose calendar is set to another zone (they must agree). */
  startsAtElsewhere: Date;
  endsAtElsewhere: Date;
}

/** Parses a calendar with ical.js, as Thunderbird would, registering the time zones it carries. */
export function readCalendar(text: string, elsewhere = 'America/New_York') {
  const root = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  const events: ReadEvent[] = root.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    const text = (name: string) => (component.getFirstPropertyValue(name) as string | null) ?? null;
    return {
      component,
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      status: text('status'),
      location: text('location'),
      description: text('description'),
      organizer: text('organizer'),
      attendees: component.getAllProperties('attendee').map((p) => ({
        address: String(p.getFirstValue()),
        partstat: (p.getParameter('partstat') as string | undefined) ?? null,
        rsvp: (p.getParameter('rsvp') as string | undefined) ?? null,
        cn: (p.getParameter('cn') as string | undefined) ?? null,
      })),
      startsAt: instantFor(component, 'dtstart', 'Europe/Paris'),
      endsAt: instantFor(component, 'dtend', 'Europe/Paris'),
      startsAtElsewhere: instantFor(component, 'dtstart', elsewhere),
      endsAtElsewhere: instantFor(component, 'dtend', elsewhere),
    };
  });
  return { method: (root.getFirstPropertyValue('method') as string | null) ?? null, events };
}

/** Properties of RFC 5545 (with RFC 7986's NAME, REFRESH-INTERVAL, SOURCE…) that calendars may carry. */
const standardProperties = new Set(
  `BEGIN END VERSION PRODID CALSCALE METHOD NAME REFRESH-INTERVAL SOURCE COLOR IMAGE CONFERENCE UID
  SEQUENCE DTSTAMP DTSTART DTEND DURATION SUMMARY LOCATION URL STATUS ORGANIZER ATTENDEE CATEGORIES CLASS
  CREATED LAST-MODIFIED GEO PRIORITY TRANSP RECURRENCE-ID RRULE RDATE EXDATE ATTACH COMMENT CONTACT
  RELATED-TO RESOURCES REQUEST-STATUS DESCRIPTION TZID TZNAME TZOFFSETFROM TZOFFSETTO TZURL ACTION TRIGGER
  REPEAT`.split(/\s+/),
);

/**
 * What strict clients enforce: CRLF at the end of every line, the last one included (RFC 5545 § 3.1);
 * lines folded at 75 octets; only standard or X- properties; DTSTAMP in UTC.
 */
export function assertWellFormed(text: string, label = 'calendar') {
  assert.ok(text.endsWith('\r\n'), `${label}: the last line ends with CRLF`);
  assert.doesNotMatch(text, /[^\r]\n|\r(?!\n)/, `${label}: every line ends with CRLF and nothing else`);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) {
    assert.ok(Buffer.byteLength(line) <= 75, `${label}: a line of more than 75 octets: ${line}`);
  }
  const unfolded = text
    .replace(/\r\n[ \t]/g, '')
    .slice(0, -2)
    .split('\r\n');
  for (const line of unfolded) {
    const name = /^[A-Za-z0-9-]+/.exec(line)?.[0]?.toUpperCase() ?? '';
    assert.ok(
      standardProperties.has(name) || name.startsWith('X-'),
      `${label}: non-standard property: ${line}`,
    );
    if (name === 'DTSTAMP') assert.match(line, /^DTSTAMP:\d{8}T\d{6}Z$/, `${label}: DTSTAMP in UTC`);
  }
}
