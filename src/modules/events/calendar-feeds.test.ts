import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp, testConfig } from '../../../tests/helpers.ts';
import { readCalendar } from '../../../tests/ical.ts';
import { invite } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const settings = notificationSettings(testConfig());

/** The text of a calendar, its folded lines joined back (RFC 5545 § 3.1). */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, '');

describe('calendar feeds', async () => {
  const { app, db } = await testApp({ after });
  const organisation = await buildLocalGovernment(db, { member: true });
  const person = await buildOfficer(db, organisation.id);
  const other = await buildOfficer(db, organisation.id);
  const staff = await buildStaff(db);

  const confirmed = await buildEvent(db, {
    title: 'Atelier du groupe-pays Sénégal',
    format: 'online',
    onlineUrl: 'https://visio.example.org/senegal-confirme',
  });
  const waitlisted = await buildEvent(db, {
    title: 'Décryptage thématique complet',
    format: 'online',
    capacity: 1,
    onlineUrl: 'https://visio.example.org/decryptage-attente',
  });
  const cancelled = await buildEvent(db, { title: 'Réunion du groupe-pays Chine' });
  const notMine = await buildEvent(db, { title: 'Réunion du groupe-pays Haïti' });
  const restricted = await buildEvent(db, {
    title: 'Comité de pilotage franco-japonais',
    audience: 'restricted',
  });
  await invite(db, restricted.id, [person.id], staff.id);

  const reg = (eventId: string, personId: string) =>
    register(db, { eventId, personId, registeredBy: personId }, { settings });
  assert.equal((await reg(waitlisted.id, other.id)).ok, true);
  const waiting = await reg(waitlisted.id, person.id);
  assert.ok(waiting.ok && waiting.value.status === 'waitlisted');

  /** The person's browser, signed in. */
  async function signedIn() {
    const browser = new Browser(app);
    const [name, value] = (await sessionCookie(db, person)).split('=') as [string, string];
    browser.jar.store({ cookies: [{ name, value }] });
    return browser;
  }

  const browser = await signedIn();
  // The person registers through the event page, and cancels one registration.
  await browser.get(`/agenda/${confirmed.id}`);
  assert.equal((await browser.post(`/agenda/${confirmed.id}/inscription`, {})).statusCode, 303);
  const toCancel = await reg(cancelled.id, person.id);
  assert.ok(toCancel.ok);
  await browser.get('/mes-inscriptions');
  assert.equal((await browser.post(`/inscriptions/${toCancel.value.id}/annulation`, {})).statusCode, 303);

  /** Creates (or renews) the person's feed from « Mes inscriptions »; returns its path. */
  async function newFeed() {
    await browser.get('/mes-inscriptions');
    const page = await browser.post('/mes-inscriptions/calendrier', {});
    assert.equal(page.statusCode, 200);
    const path = /http:\/\/localhost:3000(\/agenda\/personnel\/[\w-]+\.ics)/.exec(page.body)?.[1];
    assert.ok(path, 'the page shows the address of the feed');
    return path;
  }

  const anonymous = (url: string) => app.inject({ method: 'GET', url });

  let feedPath = '';

  it('lists the person’s registrations, with the video link for confirmed ones only', async () => {
    feedPath = await newFeed();
    const response = await anonymous(feedPath);
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/calendar/);
    const ics = unfold(response.body);
    assert.match(ics, /SUMMARY:Atelier du groupe-pays Sénégal/);
    assert.match(ics, /visio\.example\.org\/senegal-confirme/);
    assert.match(ics, /SUMMARY:\[Liste d’attente\] Décryptage thématique complet/);
    assert.doesNotMatch(ics, /decryptage-attente/, 'no video link for the waiting list');
    assert.doesNotMatch(ics, /groupe-pays Chine/, 'a cancelled registration is not listed');
    assert.doesNotMatch(ics, /groupe-pays Haïti/, 'an event the person is not registered for');
    assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 2);
    // Read by ical.js: the waiting-list place is TENTATIVE, not CONFIRMED.
    const statuses = readCalendar(response.body).events.map((e) => [e.summary, e.status]);
    assert.deepEqual(statuses.sort(), [
      ['Atelier du groupe-pays Sénégal', 'CONFIRMED'],
      ['[Liste d’attente] Décryptage thématique complet', 'TENTATIVE'],
    ]);
  });

  it('revokes the old address when a new one is made', async () => {
    const old = feedPath;
    feedPath = await newFeed();
    assert.notEqual(feedPath, old);
    assert.equal((await anonymous(old)).statusCode, 404);
    assert.equal((await anonymous(feedPath)).statusCode, 200);
  });

  it('answers 404 once the person revokes the feed, and for an unknown address', async () => {
    await browser.get('/mes-inscriptions');
    const revoked = await browser.post('/mes-inscriptions/calendrier/suppression', {});
    assert.equal(revoked.statusCode, 303);
    const gone = await anonymous(feedPath);
    assert.equal(gone.statusCode, 404);
    assert.match(gone.body, /n’existe pas ou a été désactivée/);
    assert.equal((await anonymous('/agenda/personnel/pas-une-adresse-valide-du-tout.ics')).statusCode, 404);
    assert.equal((await anonymous('/agenda/personnel/court.ics')).statusCode, 404);
  });

  it('publishes the public agenda without restricted events nor video links', async () => {
    const response = await anonymous('/agenda.ics');
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/calendar/);
    const ics = unfold(response.body);
    assert.match(ics, /SUMMARY:Atelier du groupe-pays Sénégal/);
    assert.match(ics, /SUMMARY:Réunion du groupe-pays Haïti/);
    assert.doesNotMatch(ics, /franco-japonais/);
    assert.doesNotMatch(ics, /visio\.example\.org/);
  });

  it('gives one event as .ics at /agenda/:id.ics, with its link for a confirmed registrant', async () => {
    const response = await anonymous(`/agenda/${notMine.id}.ics`);
    assert.equal(response.statusCode, 200);
    assert.match(response.headers['content-type'] ?? '', /^text\/calendar/);
    const ics = unfold(response.body);
    assert.equal(ics.match(/BEGIN:VEVENT/g)?.length, 1);
    assert.ok(
      ics.includes(`\r\nUID:${notMine.id}@coopdec.example.org\r\n`),
      'the UID is on MAIL_FROM’s domain (BASE_URL is localhost)',
    );
    assert.match(ics, /SUMMARY:Réunion du groupe-pays Haïti/);

    assert.doesNotMatch(unfold((await anonymous(`/agenda/${confirmed.id}.ics`)).body), /senegal-confirme/);
    const mine = await browser.get(`/agenda/${confirmed.id}.ics`);
    assert.match(unfold(mine.body), /senegal-confirme/);

    assert.equal((await anonymous(`/agenda/${restricted.id}.ics`)).statusCode, 404);
    assert.equal((await browser.get(`/agenda/${restricted.id}.ics`)).statusCode, 200, 'an invitee sees it');
  });
});
