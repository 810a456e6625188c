// Issue 10, point 3 — time in words in the agenda, the event pages and the mails, on a server far from Paris
// (TZ=Asia/Tokyo, set by the first import): the weekday always, the day said once, a span of days from its
// first to its last, and an event of several days on each of its days in the month view.
import '../../../tests/far-from-paris.ts';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildEvent, buildLocalGovernment, buildOfficer, sessionCookie } from '../../../tests/factories.ts';
import { hostIsFarFromParis } from '../../../tests/far-from-paris.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';

describe('time in words in the agenda (server in Tokyo)', async () => {
  const { app, db, jobs } = await testApp({ after });

  it('runs far from Paris', () => assert.ok(hostIsFarFromParis()));

  it('says an event of one day with its weekday, the day once, in Paris hours, on its page and in the list', async () => {
    const title = `Atelier des heures ${Date.now()}`;
    const event = await buildEvent(db, {
      title,
      startsAt: '2027-03-09T09:30:00+01:00',
      endsAt: '2027-03-09T12:30:00+01:00',
      venue: 'Limoges',
    });
    const page = await app.inject({ method: 'GET', url: `/agenda/${event.id}` });
    assert.match(page.body, /mardi 9 mars 2027, de 9 h 30 à 12 h 30/);
    const list = await app.inject({ method: 'GET', url: `/agenda?q=${encodeURIComponent(title)}` });
    assert.match(list.body, /mardi 9 mars 2027, de 9 h 30 à 12 h 30/);
    // Late in the evening in Paris is the next day in Tokyo: the Paris day is said.
    const late = await buildEvent(db, {
      title: `Soirée ${Date.now()}`,
      startsAt: '2027-03-09T22:00:00+01:00',
      endsAt: '2027-03-09T23:30:00+01:00',
    });
    const latePage = await app.inject({ method: 'GET', url: `/agenda/${late.id}` });
    assert.match(latePage.body, /mardi 9 mars 2027, de 22 h à 23 h 30/);
  });

  it('says an event of several days from its first to its last, and shows it on each of its days in the month', async () => {
    const title = `COP des territoires ${Date.now()}`;
    const event = await buildEvent(db, {
      title,
      startsAt: '2025-11-10T09:00:00+01:00',
      endsAt: '2025-11-21T18:00:00+01:00',
    });
    const page = await app.inject({ method: 'GET', url: `/agenda/${event.id}` });
    assert.match(page.body, /du lundi 10 novembre 2025 à 9 h au vendredi 21 novembre 2025 à 18 h/);
    const month = await app.inject({ method: 'GET', url: '/agenda?vue=mois&mois=2025-11' });
    const cells = month.body.split(`href="/agenda/${event.id}"`).length - 1;
    assert.equal(cells, 12, 'twelve days, from the 10th to the 21st');
    // The hour on the first day only, in words.
    assert.match(month.body, new RegExp(`9 h <a href="/agenda/${event.id}"`));
    const december = await app.inject({ method: 'GET', url: '/agenda?vue=mois&mois=2025-12' });
    assert.ok(!december.body.includes(event.id));
  });

  it('writes the confirmation mail with the weekday and the hours in words', async () => {
    const member = await buildLocalGovernment(db, { member: true });
    const officer = await buildOfficer(db, member.id);
    const event = await buildEvent(db, {
      title: `Réunion des mots ${Date.now()}`,
      startsAt: '2027-03-09T09:30:00+01:00',
      endsAt: '2027-03-09T12:30:00+01:00',
      venue: 'Limoges',
    });
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, officer)).split('=')[1]! }],
    });
    await browser.get(`/agenda/${event.id}`);
    const registered = await browser.post(`/agenda/${event.id}/inscription`, {});
    assert.equal(registered.statusCode, 303);
    await jobs.drain();
    const [mail] = await queryRows<{ text: string }>(
      db,
      sql`select text from mails where "to" = ${officer.email} and subject like 'Inscription confirmée%'`,
    );
    assert.ok(mail, 'the confirmation is written');
    assert.match(mail.text, /Mardi 9 mars 2027, de 9 h 30 à 12 h 30 — En présentiel, Limoges\./);
    assert.match(mail.text, /code de présence \(QR\), à présenter à l’accueil/);
    // Online, no door: the mail speaks of no code.
    const online = await buildEvent(db, {
      title: `Webinaire des mots ${Date.now()}`,
      format: 'online',
      onlineUrl: 'https://visio.example.org/m',
      startsAt: '2027-03-10T14:00:00+01:00',
      endsAt: '2027-03-10T15:30:00+01:00',
    });
    await browser.get(`/agenda/${online.id}`);
    assert.equal((await browser.post(`/agenda/${online.id}/inscription`, {})).statusCode, 303);
    await jobs.drain();
    const [onlineMail] = await queryRows<{ text: string }>(
      db,
      sql`select text from mails where "to" = ${officer.email} and subject = ${`Inscription confirmée : ${online.title}`}`,
    );
    assert.ok(onlineMail);
    assert.match(onlineMail.text, /Mercredi 10 mars 2027, de 14 h à 15 h 30 — En visioconférence\./);
    assert.doesNotMatch(onlineMail.text, /code de présence/);
  });
});
