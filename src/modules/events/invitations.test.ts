import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { readCalendar } from '../../../tests/ical.ts';
import { queryRows } from '../../platform/db/client.ts';
import { cancelEvent } from './cancel-event.ts';
import { invite } from './events.ts';

describe('invitations to a restricted event', async () => {
  const { app, db, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const organisation = await buildLocalGovernment(db, { member: true });
  const browser = new Browser(app);
  const [name, value] = (await sessionCookie(db, staff)).split('=') as [string, string];
  browser.jar.store({ cookies: [{ name, value }] });

  const invitationMails = (title: string) =>
    queryRows<{ to: string; text: string; calendar_method: string; calendar: string }>(
      db,
      sql`select "to", text, calendar_method, calendar from mails where subject = ${`Invitation : ${title}`} order by "to"`,
    );

  it('mails each new invitee once, with the meeting to add and the link to register', async () => {
    const event = await buildEvent(db, {
      title: 'Comité de pilotage franco-japonais',
      audience: 'restricted',
    });
    const [a, b, c] = [
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
    ];
    await browser.get(`/gestion/evenements/${event.id}`);
    const first = await browser.post(`/gestion/evenements/${event.id}/invitations`, {
      emails: `${a.email}\n${b.email.toUpperCase()}`,
    });
    assert.equal(first.statusCode, 303);
    await jobs.drain();
    await browser.get(`/gestion/evenements/${event.id}`);
    // b again, and c: only c is new.
    await browser.post(`/gestion/evenements/${event.id}/invitations`, { emails: `${b.email}, ${c.email}` });
    await jobs.drain();
    const mails = await invitationMails(event.title);
    assert.deepEqual(mails.map((m) => m.to).sort(), [a.email, b.email, c.email].sort());
    for (const mail of mails) {
      assert.match(mail.text, new RegExp(`M’inscrire : http://localhost:3000/agenda/${event.id}`));
      assert.equal(mail.calendar_method, 'REQUEST');
      const { method, events } = readCalendar(mail.calendar);
      assert.equal(method, 'REQUEST');
      assert.equal(events[0]!.uid, `${event.id}@coopdec.example.org`);
      // iCalendar counts in seconds; the factory's start has milliseconds.
      assert.equal(events[0]!.startsAt.getTime(), Math.floor(event.startsAt.getTime() / 1000) * 1000);
      assert.deepEqual(
        events[0]!.attendees.map((x) => [x.address.toLowerCase(), x.partstat, x.rsvp]),
        [[`mailto:${mail.to}`, 'NEEDS-ACTION', 'FALSE']],
      );
    }
  });

  it('mails nothing for an event cancelled, or already started, by the time the job runs', async () => {
    const cancelled = await buildEvent(db, { title: 'Comité annulé avant l’envoi', audience: 'restricted' });
    const started = await buildEvent(db, { title: 'Comité déjà commencé', audience: 'restricted' }, -0.01);
    const person = await buildOfficer(db, organisation.id);
    await invite(db, cancelled.id, [person.id], staff.id);
    await invite(db, started.id, [person.id], staff.id);
    assert.ok((await cancelEvent(db, cancelled.id, { reason: 'Reporté à l’automne.' }, staff.id)).ok);
    await jobs.drain();
    assert.deepEqual(await invitationMails(cancelled.title), []);
    assert.deepEqual(await invitationMails(started.title), []);
  });
});
