import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  buildElected,
  buildEvent,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Person } from '../organisations/people.ts';
import { agendaQuery } from './events.forms.ts';
import { agendaPage } from './events.queries.ts';
import { seriesId } from './events.ts';
import { seatsTaken } from './registrations.queries.ts';

describe('the agenda pages', async () => {
  const { app, db } = await testApp({ after });
  const member = await buildLocalGovernment(db, { member: true });
  const lapsed = await buildLocalGovernment(db, { member: false });

  const signedIn = (person: Person) => signedInBrowser({ app, db }, person);

  it('lists upcoming events a page at a time, and shows a month', async () => {
    const title = `Atelier du groupe-pays Sénégal ${Date.now()}`;
    await buildEvent(db, { title, kind: 'workshop', format: 'online', audience: 'members' }, 3);
    const list = await app.inject({ method: 'GET', url: `/agenda?q=${encodeURIComponent(title)}` });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(title));
    assert.match(list.body, /Réservé aux adhérents/);
    for (let i = 0; i < 31; i++) await buildEvent(db, { title: `Réunion de série ${i}` }, 40 + i);
    const first = await app.inject({ method: 'GET', url: '/agenda?q=R%C3%A9union%20de%20s%C3%A9rie' });
    assert.match(first.body, /Événements suivants/);
    // The honest total: 31 events, 30 a page.
    assert.match(first.body, /Page 1 sur 2/);
    const second = await app.inject({
      method: 'GET',
      url: '/agenda?q=R%C3%A9union%20de%20s%C3%A9rie&page=2',
    });
    assert.match(second.body, /Réunion de série 30/);
    assert.match(second.body, /Événements précédents/);
    const month = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 7);
    const grid = await app.inject({ method: 'GET', url: `/agenda?vue=mois&mois=${month}` });
    assert.ok(grid.body.includes(title));
    const bad = await app.inject({ method: 'GET', url: '/agenda?kind=fete&vue=mois&mois=2026-13' });
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /filtres étaient invalides/);
  });

  it('offers a new series in the filter as soon as it exists', async () => {
    const before = await app.inject({ method: 'GET', url: '/agenda' });
    assert.ok(before.headers.etag, 'an anonymous page, with its validators');
    const title = `Chroniques du ${randomBytes(4).toString('hex')}`;
    assert.ok(!before.body.includes(title));
    // The series list read at the agenda's version serves the next page at the same version, not after a change.
    const again = await app.inject({ method: 'GET', url: '/agenda' });
    assert.equal(again.headers.etag, before.headers.etag);
    await seriesId(db, title);
    const after = await app.inject({ method: 'GET', url: '/agenda' });
    assert.notEqual(after.headers.etag, before.headers.etag);
    assert.ok(after.body.includes(title), 'the new series is in the filter');
  });

  it('describes each public event with schema.org JSON-LD that no title can break out of', async () => {
    const event = await buildEvent(db, {
      title: 'Colloque </script><script>alert(1)</script>',
      format: 'hybrid',
      venue: 'Limoges',
    });
    const page = await app.inject({ method: 'GET', url: `/agenda/${event.id}` });
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!;
    const data = JSON.parse(json);
    assert.equal(data['@type'], 'Event');
    assert.equal(data.name, 'Colloque </script><script>alert(1)</script>');
    assert.equal(data.eventAttendanceMode, 'https://schema.org/MixedEventAttendanceMode');
    assert.doesNotMatch(page.body, /<script>alert/);
  });

  it('lets a member élue register to an online event, with no QR code to show at a door, and cancel', async () => {
    const event = await buildEvent(db, {
      title: 'Décryptage thématique',
      audience: 'members',
      format: 'online',
      onlineUrl: 'https://visio.example.org/d',
    });
    const elected = await buildElected(db, member.id);
    const browser = await signedIn(elected);
    const page = await browser.get(`/agenda/${event.id}`);
    assert.doesNotMatch(page.body, /visio\.example\.org/);
    const registered = await browser.post(`/agenda/${event.id}/inscription`, {});
    assert.equal(registered.statusCode, 303);
    const after = await browser.get(registered.headers.location as string);
    assert.match(after.body, /Inscription enregistrée/);
    assert.match(after.body, /visio\.example\.org\/d/);
    const mine = await browser.get('/mes-inscriptions');
    assert.match(mine.body, /Décryptage thématique/);
    // Online: there is no door to show a code at.
    assert.doesNotMatch(mine.body, /<img class="qr"/);
    const registrationId = /action="\/inscriptions\/([0-9a-f-]{36})\/annulation"/.exec(mine.body)![1]!;
    const cancelled = await browser.post(`/inscriptions/${registrationId}/annulation`, {});
    assert.equal(cancelled.statusCode, 303);
    assert.deepEqual(await seatsTaken(db, event.id), { confirmed: 0, waitlisted: 0 });
  });

  it('tells a non-member officer why she cannot register, and what to do', async () => {
    const event = await buildEvent(db, { audience: 'members' });
    const officer = await buildOfficer(db, lapsed.id);
    const browser = await signedIn(officer);
    const page = await browser.get(`/agenda/${event.id}`);
    assert.match(page.body, /réservé aux adhérents du réseau/);
    assert.doesNotMatch(page.body, /M’inscrire/);
    const forced = await browser.post(`/agenda/${event.id}/inscription`, {});
    assert.equal(forced.statusCode, 403);
    assert.match(forced.body, /pas à jour de son adhésion/);
  });

  it('lets a referent register two colleagues at once, and no one from elsewhere', async () => {
    const event = await buildEvent(db, { capacity: 10 });
    const referent = await buildOfficer(db, member.id, true);
    const [a, b] = [await buildOfficer(db, member.id), await buildElected(db, member.id)];
    const stranger = await buildOfficer(db, lapsed.id);
    const browser = await signedIn(referent);
    const page = await browser.get(`/agenda/${event.id}`);
    assert.match(page.body, /Inscrire des collègues de ma collectivité/);
    const body = new URLSearchParams([
      ['_csrf', browser.csrf],
      ['personIds', a.id],
      ['personIds', b.id],
    ]);
    const response = await app.inject({
      method: 'POST',
      url: `/agenda/${event.id}/inscription`,
      headers: { cookie: browser.jar.header, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    assert.equal(response.statusCode, 303);
    assert.deepEqual(await seatsTaken(db, event.id), { confirmed: 2, waitlisted: 0 });
    const intrusion = await browser.post(`/agenda/${event.id}/inscription`, { personIds: stranger.id });
    assert.equal(intrusion.statusCode, 422);
    assert.deepEqual(await seatsTaken(db, event.id), { confirmed: 2, waitlisted: 0 });
  });

  it('puts the eleventh person of a ten-seat workshop on the waiting list', async () => {
    const event = await buildEvent(db, { capacity: 10, kind: 'workshop' });
    for (let i = 0; i < 10; i++) {
      const browser = await signedIn(await buildOfficer(db, member.id));
      await browser.get(`/agenda/${event.id}`);
      assert.equal((await browser.post(`/agenda/${event.id}/inscription`, {})).statusCode, 303);
    }
    const eleventh = await signedIn(await buildOfficer(db, member.id));
    const page = await eleventh.get(`/agenda/${event.id}`);
    assert.match(page.body, /M’inscrire sur la liste d’attente/);
    const response = await eleventh.post(`/agenda/${event.id}/inscription`, {});
    assert.match(response.headers.location as string, /info=events.waitlisted/);
    assert.deepEqual(await seatsTaken(db, event.id), { confirmed: 10, waitlisted: 1 });
  });

  it('bounds a month by Paris midnights: an event at half past midnight on 1 August is August’s, not July’s', async () => {
    const word = `Minuit${randomBytes(3).toString('hex')}`;
    // 00:30 in Paris on 1 August 2030 is 22:30 UTC on 31 July (summer time, +02:00).
    await buildEvent(db, {
      title: `${word} août`,
      startsAt: '2030-08-01T00:30:00+02:00',
      endsAt: '2030-08-01T01:30:00+02:00',
    });
    // 23:30 in Paris on 31 January 2030 is 22:30 UTC (winter time, +01:00): January's.
    await buildEvent(db, {
      title: `${word} janvier`,
      startsAt: '2030-01-31T23:30:00+01:00',
      endsAt: '2030-01-31T23:45:00+01:00',
    });
    const month = async (m: string) =>
      (await app.inject({ method: 'GET', url: `/agenda?vue=mois&mois=${m}&q=${word}` })).body;
    const july = await month('2030-07');
    assert.doesNotMatch(july, new RegExp(`${word} août`));
    assert.match(july, /Juillet 2030 — 0 événement</);
    const august = await month('2030-08');
    assert.match(august, /Août 2030 — 1 événement</);
    assert.match(august, new RegExp(`>${word} août</a>`));
    assert.match(await month('2030-01'), /Janvier 2030 — 1 événement</);
    assert.match(await month('2030-02'), /Février 2030 — 0 événement</);
  });

  it('lists from midnight in Paris today, summer time included', async () => {
    const word = `Matinal${randomBytes(3).toString('hex')}`;
    // Seen on 15 July 2030 at 14:00 in Paris: an event that ended at 00:30 that night is today's.
    const now = new Date('2030-07-15T12:00:00Z');
    await buildEvent(db, {
      title: `${word} de la nuit`,
      startsAt: '2030-07-14T23:30:00+02:00',
      endsAt: '2030-07-15T00:30:00+02:00',
    });
    await buildEvent(db, {
      title: `${word} de la veille`,
      startsAt: '2030-07-14T20:00:00+02:00',
      endsAt: '2030-07-14T23:30:00+02:00',
    });
    const page = await agendaPage(db, null, agendaQuery.parse({ q: word }), { now });
    assert.deepEqual(
      page.rows.map((r) => r.event.title),
      [`${word} de la nuit`],
    );
    assert.equal(page.paged?.total, 1);
  });

  it('names organisers in the order people read them, as the members’ module names them', async () => {
    const word = randomBytes(3).toString('hex');
    const names = [`Zurich ${word}`, `Égletons ${word}`, `Angers ${word}`];
    const ids = [];
    for (const name of names) ids.push((await buildInstitution(db, name)).id);
    const event = await buildEvent(db, { organiserIds: ids });
    const page = await app.inject({ method: 'GET', url: `/agenda/${event.id}` });
    assert.match(page.body, new RegExp(`<dd>Angers ${word}, Égletons ${word}, Zurich ${word}</dd>`));
    const [stored] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from event_organisations where event_id = ${event.id} and role = 'organiser'`,
    );
    assert.equal(stored!.n, 3);
  });
});
