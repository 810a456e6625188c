// The Rencontres' pages as staff and participants use them, forms and all (the API: conferences.test.ts).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  bearer,
  buildElected,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { pageText, testApp } from '../../../tests/helpers.ts';
import { readCalendar } from '../../../tests/ical.ts';
import { parisDate } from '../../platform/time.ts';

const dayIn = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));
const idIn = (location: string | undefined) =>
  /\/gestion\/rencontres\/([0-9a-f-]{36})/.exec(location ?? '')?.[1];

describe('the Rencontres’ pages', async () => {
  const t = await testApp({ after });
  const { app, db } = t;
  const staff = await signedInBrowser(t, await buildStaff(db));
  const member = await buildLocalGovernment(db, { member: true });
  const day = dayIn(45);

  /** An edition made through the staff's forms: two rooms, two workshops at 10 h, one at 14 h. */
  async function editionByStaff() {
    await staff.get('/gestion/rencontres');
    const created = await staff.post('/gestion/rencontres', {
      title: '19es Rencontres de l’AICT',
      edition: '19',
      startsOn: day,
      endsOn: day,
      venue: 'Paris',
      registrationOpensAt: dayIn(-1),
    });
    assert.equal(created.statusCode, 303, pageText(created.body));
    const id = idIn(created.headers.location)!;
    for (const [name, capacity] of [
      ['Amphithéâtre', '200'],
      ['Salle 2', '1'],
    ]) {
      await staff.get(`/gestion/rencontres/${id}`);
      assert.equal(
        (await staff.post(`/gestion/rencontres/${id}/salles`, { name: name!, capacity: capacity! }))
          .statusCode,
        303,
      );
    }
    const page = await staff.get(`/gestion/rencontres/${id}/seances/nouvelle`);
    const rooms = [...page.body.matchAll(/<option value="([0-9a-f-]{36})">([^<(]+)/g)].map((m) => [
      m[2]!.trim(),
      m[1]!,
    ]);
    const room = Object.fromEntries(rooms);
    const place = (title: string, roomId: string, from: string, to: string) =>
      staff.post(`/gestion/rencontres/${id}/seances`, { title, kind: 'workshop', roomId, day, from, to });
    assert.equal((await place('Atelier eau', room.Amphithéâtre!, '10:00', '11:30')).statusCode, 303);
    assert.equal((await place('Atelier jeunesse', room['Salle 2']!, '10:00', '11:30')).statusCode, 303);
    assert.equal((await place('Atelier climat', room['Salle 2']!, '14:00', '15:00')).statusCode, 303);
    return { id, room };
  }

  it('lets staff build an edition with forms, refusing a room taken with a French message and keeping the form', async () => {
    const { id, room } = await editionByStaff();
    const clash = await staff.post(`/gestion/rencontres/${id}/seances`, {
      title: 'Point pays Japon',
      kind: 'country_point',
      roomId: room['Salle 2']!,
      day,
      from: '11:00',
      to: '12:00',
      speakers: 'Aiko Tanaka, maire adjointe',
    });
    assert.equal(clash.statusCode, 409);
    assert.match(pageText(clash.body), /La salle « Salle 2 » est déjà prise par « Atelier jeunesse »/);
    assert.match(clash.body, /value="Point pays Japon"/);
    // A time that is not one: 400 with the field named, nothing written.
    const wrong = await staff.post(`/gestion/rencontres/${id}/seances`, {
      title: 'X',
      kind: 'workshop',
      roomId: room['Salle 2']!,
      day,
      from: '25:00',
      to: '26:00',
    });
    assert.equal(wrong.statusCode, 400);
    // The fee of a category, in euros as staff types it.
    await staff.get(`/gestion/rencontres/${id}`);
    assert.equal(
      (
        await staff.post(`/gestion/rencontres/${id}/categories/partner`, {
          fee: '95,50',
          quota: '20',
          selfService: '1',
        })
      ).statusCode,
      303,
    );
    const conference = (await app.inject({ url: `/api/v1/conferences/${id}` })).json() as {
      categories: { code: string; feeCents: number; quota: number | null }[];
      sessions: { title: string }[];
    };
    assert.deepEqual(
      conference.categories.find((c) => c.code === 'partner'),
      { code: 'partner', feeCents: 9_550, quota: 20, selfService: true },
    );
    assert.deepEqual(conference.sessions.map((s) => s.title).sort(), [
      'Atelier climat',
      'Atelier eau',
      'Atelier jeunesse',
    ]);
    // Editing a session shows its values; cancelling takes it off the grid.
    const manage = await staff.get(`/gestion/rencontres/${id}`);
    const climat =
      /href="\/gestion\/rencontres\/[0-9a-f-]{36}\/seances\/([0-9a-f-]{36})">Modifier<span class="visually-hidden"> « Atelier climat »/.exec(
        manage.body,
      )?.[1];
    assert.ok(climat);
    const form = await staff.get(`/gestion/rencontres/${id}/seances/${climat}`);
    assert.match(form.body, /name="from"[^>]*value="14:00"|value="14:00"[^>]*name="from"/);
    assert.equal(
      (await staff.post(`/gestion/rencontres/${id}/seances/${climat}/annuler`, {})).statusCode,
      303,
    );
    assert.doesNotMatch(
      pageText((await app.inject({ url: `/rencontres/${id}/programme` })).body),
      /Atelier climat/,
    );
  });

  it('registers an élue with a form and builds her programme, refusing two workshops at once', async () => {
    const { id } = await editionByStaff();
    const elue = await buildElected(db, member.id);
    const browser = await signedInBrowser(t, elue);
    const form = await browser.get(`/rencontres/${id}/inscription`);
    assert.equal(form.statusCode, 200);
    assert.match(pageText(form.body), /Collectivité adhérente — gratuit/);
    const registered = await browser.post(`/rencontres/${id}/inscription`, {
      personId: elue.id,
      category: 'member_local_government',
      lunch: '1',
      accessibilityNeeds: 'Accès de plain-pied',
    });
    assert.equal(registered.statusCode, 303);
    const programme = await browser.get(registered.headers.location!);
    const text = pageText(programme.body);
    assert.match(text, /l’inscription est enregistrée/);
    assert.match(text, /Montant dû\s*Gratuit/);
    const sessionOf = (title: string) =>
      new RegExp(
        `name="sessionId" value="([0-9a-f-]{36})"/><button type="submit"[^>]*>Choisir<span class="visually-hidden"> « ${title} »`,
      ).exec(browser.lastBody)?.[1];
    const eau = sessionOf('Atelier eau')!;
    const jeunesse = sessionOf('Atelier jeunesse')!;
    assert.ok(eau && jeunesse);
    const chosen = await browser.post(`/rencontres/${id}/mon-programme/choisir`, { sessionId: eau });
    assert.equal(chosen.statusCode, 303);
    assert.match(pageText((await browser.get(chosen.headers.location!)).body), /Place confirmée/);
    const overlap = await browser.post(`/rencontres/${id}/mon-programme/choisir`, { sessionId: jeunesse });
    assert.equal(overlap.statusCode, 409);
    assert.match(pageText(overlap.body), /en même temps que « Atelier eau »/);
    // Her calendar: the workshop she chose, not the one she did not.
    const ics = await browser.get(`/rencontres/${id}/mon-programme.ics`);
    assert.equal(ics.statusCode, 200);
    const titles = readCalendar(ics.body).events.map((e) => e.summary);
    assert.ok(titles.includes('Atelier eau'));
    assert.ok(!titles.includes('Atelier jeunesse'));
    // The agenda's plain registration to the same event is refused: it knows no category.
    const eventId = ((await app.inject({ url: `/api/v1/conferences/${id}` })).json() as { eventId: string })
      .eventId;
    const officer = await buildOfficer(db, member.id);
    const plain = await app.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/registrations`,
      headers: await bearer(db, officer),
      payload: { personId: officer.id },
    });
    assert.equal(plain.statusCode, 422, plain.body);
    assert.match(plain.body, /depuis leur page/);
  });

  it('lets a referent register a colleague and see their programme, and nobody else’s', async () => {
    const { id } = await editionByStaff();
    const referent = await buildOfficer(db, member.id, true);
    const colleague = await buildElected(db, member.id);
    const browser = await signedInBrowser(t, referent);
    const form = await browser.get(`/rencontres/${id}/inscription`);
    assert.match(pageText(form.body), /Qui inscrivez-vous \?/);
    const done = await browser.post(`/rencontres/${id}/inscription`, {
      personId: colleague.id,
      category: 'member_local_government',
    });
    assert.equal(done.statusCode, 303);
    assert.match(done.headers.location!, new RegExp(`personne=${colleague.id}`));
    assert.equal((await browser.get(done.headers.location!)).statusCode, 200);
    const other = await buildElected(db, (await buildLocalGovernment(db, { member: true })).id);
    assert.equal((await browser.get(`/rencontres/${id}/mon-programme?personne=${other.id}`)).statusCode, 404);
  });

  it('lets staff register anyone by address with a category they give, and says so when nobody has that address', async () => {
    const { id } = await editionByStaff();
    const speaker = await buildOfficer(db, member.id);
    await staff.get(`/gestion/rencontres/${id}`);
    const done = await staff.post(`/gestion/rencontres/${id}/inscriptions`, {
      email: speaker.email,
      category: 'speaker',
    });
    assert.equal(done.statusCode, 303);
    const page = pageText((await staff.get(done.headers.location!)).body);
    assert.match(page, /la personne est inscrite/);
    assert.match(page, /Intervenant·e\s*Gratuit\s*1/);
    const nobody = await staff.post(`/gestion/rencontres/${id}/inscriptions`, {
      email: 'personne@example.org',
      category: 'press',
    });
    assert.equal(nobody.statusCode, 422);
    assert.match(pageText(nobody.body), /Personne n’a de compte avec cette adresse/);
  });
});
