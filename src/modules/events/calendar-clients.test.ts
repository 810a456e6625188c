// Issue 8: calendars read right by a real client on any host. The server runs in Tokyo (TZ=Asia/Tokyo, far
// from Paris in summer and in winter); every feed and every calendar part of a mail is parsed by ical.js
// (Mozilla's parser) and each event's instant, as a reader in Paris and one in New York see it, must be
// the API's `startsAt`/`endsAt` — for an event in July (UTC+2 in Paris) and one in December (UTC+1).
//
// Run without TZ=Asia/Tokyo (as `npm test` does on a developer's machine), this file runs itself again in
// a child process with it, and fails unless every check passed there: it cannot silently run in the
// wrong zone, nor silently not run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ParsedMail } from 'mailparser';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { assertWellFormed, type ReadEvent, readCalendar } from '../../../tests/ical.ts';
import { calendarPartOf, startSmtp } from '../../../tests/smtp.ts';
import { renewCalendarFeed } from './calendar-feeds.ts';

const zone = 'Asia/Tokyo';
/** The number of checks below, all of which the child process must pass. */
const checksInTokyo = 8;

if (process.env.TZ !== zone) {
  describe(`calendars read by ical.js, the server in ${zone}`, () => {
    it(`runs every check in a child process whose TZ is ${zone}, and all pass`, async () => {
      const env: NodeJS.ProcessEnv = { ...process.env, TZ: zone };
      // The child is a test run of its own, not a subtest of this one.
      delete env.NODE_TEST_CONTEXT;
      const file = fileURLToPath(import.meta.url);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', './bin/typescript.js', '--test', '--test-reporter=tap', file],
        { env, maxBuffer: 10 * 1024 * 1024 },
      ).catch((error: { stdout?: string; stderr?: string }) => {
        assert.fail(`the checks failed in ${zone}:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
      });
      assert.match(stdout, new RegExp(`^# pass ${checksInTokyo}$`, 'm'), stdout);
      assert.match(stdout, /^# fail 0$/m, stdout);
    });
  });
} else {
  describe(`calendars read by ical.js, the server in ${zone}`, async () => {
    const smtp = await startSmtp({ after });
    const { app, db, jobs } = await testApp(
      { after },
      {
        BASE_URL: 'https://agenda.reseau.example.fr',
        MAIL_FROM: 'Cités Unies France <ne-pas-repondre@reseau.example.fr>',
        SMTP_URL: smtp.url,
      },
    );
    const domain = 'agenda.reseau.example.fr';
    const staff = await bearer(db, await buildStaff(db));
    const organisation = await buildLocalGovernment(db, { member: true });
    const elue = await buildElected(db, organisation.id);
    const officer = await buildOfficer(db, organisation.id);

    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const response = await app.inject({ method, url, headers: staff, ...(payload ? { payload } : {}) });
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.body ? response.json() : undefined;
    };

    /** The next 15 July / 15 December far enough ahead, at 15:00 in Paris (UTC+2 in summer, UTC+1 in winter). */
    const nextParis = (month: '07' | '12', hour: string) => {
      const offset = month === '07' ? '+02:00' : '+01:00';
      for (let year = new Date().getUTCFullYear(); ; year++) {
        const at = `${year}-${month}-15T${hour}:00:00${offset}`;
        if (new Date(at).getTime() > Date.now() + 7 * 86_400_000) return at;
      }
    };
    const summerStart = nextParis('07', '15');
    const winterStart = nextParis('12', '15');

    const summer = await call('POST', '/api/v1/events', {
      title: 'Atelier d’été : coopération décentralisée',
      kind: 'workshop',
      format: 'hybrid',
      audience: 'public',
      startsAt: summerStart,
      endsAt: summerStart.replace('T15:', 'T17:'),
      venue: 'Hôtel de ville, Limoges',
      onlineUrl: 'https://visio.example.org/atelier-ete',
      capacity: 10,
    });
    const winter = await call('POST', '/api/v1/events', {
      title: 'Comité d’hiver du groupe-pays Sénégal',
      kind: 'meeting',
      format: 'in_person',
      audience: 'public',
      startsAt: winterStart,
      endsAt: winterStart.replace('T15:', 'T17:'),
      venue: 'Sénat, Paris',
      capacity: 1,
    });
    const register = (eventId: string, personId: string) =>
      call('POST', `/api/v1/events/${eventId}/registrations`, { personId });
    assert.equal((await register(summer.id, elue.id)).status, 'confirmed');
    const elueWinter = await register(winter.id, elue.id);
    assert.equal(elueWinter.status, 'confirmed');
    assert.equal((await register(winter.id, officer.id)).status, 'waitlisted');

    /** The event as the API gives it: the truth every calendar must agree with. */
    const api = (id: string) => call('GET', `/api/v1/events/${id}`);

    /** The event of this UID in a calendar, at the API's instants for readers in Paris and in New York. */
    async function found(events: ReadEvent[], eventId: string) {
      const event = events.find((e) => e.uid === `${eventId}@${domain}`);
      assert.ok(event, `UID ${eventId}@${domain} in ${events.map((e) => e.uid).join(', ')}`);
      const truth = await api(eventId);
      assert.equal(event.startsAt.toISOString(), truth.startsAt, 'start, read in Paris');
      assert.equal(event.endsAt.toISOString(), truth.endsAt, 'end, read in Paris');
      assert.equal(event.startsAtElsewhere.toISOString(), truth.startsAt, 'start, read in New York');
      assert.equal(event.endsAtElsewhere.toISOString(), truth.endsAt, 'end, read in New York');
      assert.equal(event.sequence, truth.sequence);
      return event;
    }

    /**
     * A feed read by ical.js: the events named are checked first (what a person would see), then the
     * rules of the format. Returns the events named, in that order, and all of them as `all`.
     */
    async function feed(url: string, ...ids: string[]) {
      const response = await app.inject({ method: 'GET', url });
      assert.equal(response.statusCode, 200, url);
      assert.match(response.headers['content-type'] ?? '', /^text\/calendar/);
      const { method, events } = readCalendar(response.body);
      const named: ReadEvent[] = [];
      for (const id of ids) named.push(await found(events, id));
      assert.equal(method, null);
      assertWellFormed(response.body, url);
      return Object.assign(named, { all: events });
    }

    const elueFeed = `/agenda/personnel/${await renewCalendarFeed(db, elue.id)}.ics`;
    const officerFeed = `/agenda/personnel/${await renewCalendarFeed(db, officer.id)}.ics`;

    const addresses = (mail: ParsedMail) =>
      [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));
    let seen = 0;
    /** Mails received since the last call, after the queue has run. */
    async function newMails() {
      await jobs.drain();
      const fresh = smtp.received.slice(seen);
      seen = smtp.received.length;
      return fresh;
    }
    /**
     * The one mail to a person with this subject, and its calendar part read by ical.js: the event's
     * instants checked first, then the format, the organiser and the one attendee.
     */
    async function mailTo(mails: ParsedMail[], email: string, subject: string, eventId: string) {
      const matching = mails.filter(
        (m) => addresses(m).includes(email.toLowerCase()) && m.subject === subject,
      );
      assert.equal(matching.length, 1, `one mail « ${subject} » to ${email}`);
      const mail = matching[0]!;
      assert.ok(
        mail.messageId?.endsWith(`@${domain}>`),
        `Message-ID on the platform’s domain: ${mail.messageId}`,
      );
      const part = calendarPartOf(mail);
      if (!part) return { mail, part: undefined };
      const read = readCalendar(part.content);
      assert.equal(read.events.length, 1);
      const event = await found(read.events, eventId);
      assertWellFormed(part.content, subject);
      assert.equal(read.method, part.method, 'the METHOD inside is the one of the MIME type');
      assert.equal(event.organizer?.toLowerCase(), 'mailto:ne-pas-repondre@reseau.example.fr');
      assert.deepEqual(
        event.attendees.map((a) => a.address.toLowerCase()),
        [`mailto:${email.toLowerCase()}`],
      );
      return { mail, part, event };
    }

    it(`runs in ${zone}`, () => {
      assert.equal(Intl.DateTimeFormat().resolvedOptions().timeZone, zone);
      assert.equal(new Date('2026-07-15T00:00:00Z').getTimezoneOffset(), -540);
      assert.equal(new Date('2026-12-15T00:00:00Z').getTimezoneOffset(), -540);
    });

    it('gives the public agenda and each event’s .ics at the API’s instants, summer and winter', async () => {
      const agenda = await feed('/agenda.ics', summer.id, winter.id);
      assert.deepEqual(
        agenda.map((e) => e.status),
        ['CONFIRMED', 'CONFIRMED'],
      );
      for (const id of [summer.id, winter.id])
        assert.equal((await feed(`/agenda/${id}.ics`, id)).all.length, 1);
      // 15:00 in Paris is 13:00 UTC in July and 14:00 UTC in December.
      assert.equal((await api(summer.id)).startsAt.slice(11, 16), '13:00');
      assert.equal((await api(winter.id)).startsAt.slice(11, 16), '14:00');
    });

    it('gives each person’s private feed: a confirmed place CONFIRMED, a waiting-list place TENTATIVE', async () => {
      const [mySummer, myWinter] = await feed(elueFeed, summer.id, winter.id);
      assert.equal(mySummer!.status, 'CONFIRMED');
      assert.match(mySummer!.location ?? '', /visio\.example\.org\/atelier-ete/);
      assert.equal(myWinter!.status, 'CONFIRMED');
      const [waiting] = await feed(officerFeed, winter.id);
      assert.equal(waiting!.status, 'TENTATIVE');
      assert.match(waiting!.summary, /^\[Liste d’attente\] /);
    });

    it('mails each confirmation with an iTIP REQUEST, the person ACCEPTED; the waiting list with none', async () => {
      const mails = await newMails();
      for (const event of [summer, winter]) {
        const subject = `Inscription confirmée : ${event.title}`;
        const { part, event: read } = await mailTo(mails, elue.email, subject, event.id);
        assert.equal(part?.method, 'REQUEST');
        assert.equal(read!.attendees[0]!.partstat, 'ACCEPTED');
      }
      const waiting = await mailTo(mails, officer.email, `Liste d’attente : ${winter.title}`, winter.id);
      assert.equal(waiting.part, undefined, 'a waiting-list place is no meeting in one’s calendar');
    });

    it('moves the winter event an hour: a REQUEST with SEQUENCE 1 at the new instant, feeds likewise', async () => {
      const moved = await call('PATCH', `/api/v1/events/${winter.id}`, {
        startsAt: winterStart.replace('T15:', 'T16:'),
        endsAt: winterStart.replace('T15:', 'T18:'),
      });
      assert.equal(moved.sequence, 1);
      assert.equal(moved.startsAt.slice(11, 16), '15:00');
      const mails = await newMails();
      const { part, event } = await mailTo(mails, elue.email, `Modification : ${winter.title}`, winter.id);
      assert.equal(part?.method, 'REQUEST');
      assert.equal(event!.sequence, 1);
      const waiting = await mailTo(mails, officer.email, `Modification : ${winter.title}`, winter.id);
      assert.equal(waiting.part, undefined);
      for (const url of ['/agenda.ics', elueFeed, officerFeed, `/agenda/${winter.id}.ics`]) {
        assert.equal((await feed(url, winter.id))[0]!.sequence, 1, url);
      }
    });

    it('cancels the summer event: a CANCEL with STATUS:CANCELLED, and CANCELLED in every feed', async () => {
      const cancelled = await call('POST', `/api/v1/events/${summer.id}/cancel`, {
        reason: 'La salle du conseil n’est pas disponible.',
      });
      assert.equal(cancelled.status, 'cancelled');
      const { part, event } = await mailTo(
        await newMails(),
        elue.email,
        `Annulé : ${summer.title}`,
        summer.id,
      );
      assert.equal(part?.method, 'CANCEL');
      assert.equal(event!.status, 'CANCELLED');
      assert.equal(event!.sequence, 1);
      for (const url of ['/agenda.ics', elueFeed, `/agenda/${summer.id}.ics`]) {
        const [listed] = await feed(url, summer.id);
        assert.equal(listed!.status, 'CANCELLED', url);
        assert.match(listed!.summary, /^\[Annulé\] /);
      }
    });

    it('removes a cancelled registration from the calendar and adds the promoted one', async () => {
      await call('DELETE', `/api/v1/registrations/${elueWinter.id}`);
      const mails = await newMails();
      const removed = await mailTo(mails, elue.email, `Inscription annulée : ${winter.title}`, winter.id);
      assert.equal(removed.part?.method, 'CANCEL');
      assert.equal(removed.event!.status, null, 'no STATUS when one attendee is removed (RFC 5546 § 3.2.5)');
      const promoted = await mailTo(
        mails,
        officer.email,
        `Une place s’est libérée : ${winter.title}`,
        winter.id,
      );
      assert.equal(promoted.part?.method, 'REQUEST');
      assert.equal(promoted.event!.attendees[0]!.partstat, 'ACCEPTED');
      assert.equal((await feed(officerFeed, winter.id))[0]!.status, 'CONFIRMED');
    });

    it('sent nothing else, and every calendar part it sent was read above', () => {
      assert.equal(smtp.received.length, seen);
      assert.equal(smtp.received.filter((m) => calendarPartOf(m)).length, 6);
    });
  });
}
