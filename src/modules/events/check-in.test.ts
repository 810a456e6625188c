// The QR code of a registration: a code made from the registration's id and a mac (nothing stored), read by a
// GET that writes nothing, recorded by staff with a POST (CSRF, same origin), confirmed outside the event's dates.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import {
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  parisMorning,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp, testConfig } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Person } from '../organisations/people.ts';
import { cancelEvent } from './cancel-event.ts';
import { checkInToken, registrationIdOfToken } from './check-in.ts';
import { attendance } from './events.schema.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const settings = notificationSettings(testConfig());
const inAnHour = 1 / 24;

describe('check-in by QR code', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const org = await buildLocalGovernment(db);

  const signedIn = (person: Person) => signedInBrowser({ app, db }, person);
  const registerDirectly = async (eventId: string, person: Person) => {
    const result = await register(
      db,
      { eventId, personId: person.id, registeredBy: person.id },
      { settings },
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    return result.value;
  };
  const attendanceOf = (eventId: string, personId: string) =>
    db
      .select()
      .from(attendance)
      .where(and(eq(attendance.eventId, eventId), eq(attendance.personId, personId)));
  /** Rows of the tables a check-in writes. */
  const writes = async () => {
    const [row] = await queryRows<{ attendance: number; audit: number }>(
      db,
      sql`select (select count(*)::int from attendance) as attendance, (select count(*)::int from audit_log) as audit`,
    );
    return row!;
  };

  it('makes a code from the registration’s id and a mac; a wrong mac or another id opens nothing', () => {
    const id = '0b9f2c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
    const other = '1b9f2c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
    const token = checkInToken(id);
    assert.match(token, /^0b9f2c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f\.[\w-]{43}$/);
    assert.equal(registrationIdOfToken(token), id);
    const mac = token.split('.')[1]!;
    assert.equal(registrationIdOfToken(`${other}.${mac}`), undefined);
    assert.equal(
      registrationIdOfToken(`${id}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`),
      undefined,
    );
    for (const bad of ['', id, `${id}.`, `.${mac}`, `${token}.x`, 'pas-un-code', `${id}.${mac}x`])
      assert.equal(registrationIdOfToken(bad), undefined, bad);
  });

  it('shows staff who and which event, writes nothing on GET, records once with the POST', async () => {
    const event = await buildEvent(db, { title: 'Assemblée des jumelages' }, inAnHour);
    const person = await buildPerson(db, {
      firstName: 'Hélène',
      lastName: 'Garnier',
      organisationId: org.id,
    });
    const registration = await registerDirectly(event.id, person);
    const url = `/emargement/${checkInToken(registration.id)}`;
    const browser = await signedIn(staff);

    const before = await writes();
    const page = await browser.get(url);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Hélène Garnier/);
    assert.ok(
      page.body.includes(org.name.replaceAll("'", '&#39;')) || page.body.includes(org.name),
      org.name,
    );
    assert.match(page.body, /Assemblée des jumelages/);
    assert.match(page.body, /Confirmée/);
    assert.match(page.body, /Enregistrer la présence/);
    assert.deepEqual(await writes(), before, 'the GET wrote nothing');

    const recorded = await browser.post(url, {});
    assert.equal(recorded.statusCode, 303, 'inside the event’s window: no confirmation asked');
    assert.equal(recorded.headers.location, `${url}?info=events.event_checked_in`);
    const rows = await attendanceOf(event.id, person.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.source, 'qr');
    assert.equal(rows[0]!.recordedBy, staff.id);
    const [audited] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'attend' and entity_id = ${rows[0]!.id}`,
    );
    assert.equal(audited!.n, 1);

    const shown = await browser.get(url);
    assert.match(shown.body, /Présent·e<\/span> depuis le \w+ \d/);
    assert.doesNotMatch(shown.body, /Enregistrer la présence/);
    const again = await browser.post(url, {});
    assert.equal(again.headers.location, `${url}?info=events.event_already_checked_in`);
    assert.match((await browser.get(again.headers.location as string)).body, /déjà enregistrée/);
    assert.equal((await attendanceOf(event.id, person.id)).length, 1);
  });

  it('asks for a confirmation outside the event’s dates, and records only with it', async () => {
    const event = await buildEvent(db, { title: 'Forum lointain', ...parisMorning(10) });
    const person = await buildPerson(db);
    const registration = await registerDirectly(event.id, person);
    const url = `/emargement/${checkInToken(registration.id)}`;
    const browser = await signedIn(staff);
    await browser.get(url);
    const asked = await browser.post(url, {});
    assert.equal(asked.statusCode, 200);
    assert.match(asked.body, /Cet événement a lieu le \S+ \d+ \S+ \d{4}, de \d+ h/);
    assert.match(asked.body, /enregistrer quand même \?/);
    assert.match(asked.body, /name="confirm" value="1"/);
    assert.equal((await attendanceOf(event.id, person.id)).length, 0);
    const confirmed = await browser.post(url, { confirm: '1' });
    assert.equal(confirmed.statusCode, 303);
    assert.equal((await attendanceOf(event.id, person.id)).length, 1);
  });

  it('refuses a waiting registration in French, recording nothing', async () => {
    const event = await buildEvent(db, { capacity: 0 }, inAnHour);
    const person = await buildPerson(db, { firstName: 'Samir', lastName: 'Haddad' });
    const registration = await registerDirectly(event.id, person);
    assert.equal(registration.status, 'waitlisted');
    const url = `/emargement/${checkInToken(registration.id)}`;
    const browser = await signedIn(staff);
    const page = await browser.get(url);
    assert.match(page.body, /Liste d’attente/);
    assert.doesNotMatch(page.body, /Enregistrer la présence/);
    const refused = await browser.post(url, { confirm: '1' });
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /Samir Haddad : Cette personne est sur la liste d’attente\./);
    assert.equal((await attendanceOf(event.id, person.id)).length, 0);
  });

  it('records nobody at a cancelled event: its registrations stay confirmed, the event says nobody came', async () => {
    const event = await buildEvent(db, { title: 'Réunion annulée' }, inAnHour);
    const person = await buildPerson(db, { firstName: 'Inès', lastName: 'Roussel' });
    const registration = await registerDirectly(event.id, person);
    expectOk(await cancelEvent(db, event.id, { reason: 'Salle indisponible.' }, staff.id));
    const url = `/emargement/${checkInToken(registration.id)}`;
    const browser = await signedIn(staff);
    const page = await browser.get(url);
    assert.match(page.body, /Événement annulé/);
    assert.doesNotMatch(page.body, /Enregistrer la présence/);
    const refused = await browser.post(url, { confirm: '1' });
    assert.equal(refused.statusCode, 422);
    assert.match(
      refused.body,
      /Inès Roussel : Cet événement est annulé : aucune présence ne peut y être enregistrée\./,
    );
    assert.equal((await attendanceOf(event.id, person.id)).length, 0);
  });

  it('shows no personal data to anyone but staff, and writes nothing for them', async () => {
    const event = await buildEvent(db, { title: 'Rencontre discrète' }, inAnHour);
    const person = await buildPerson(db, { firstName: 'Ophélie', lastName: 'Discrète' });
    const registration = await registerDirectly(event.id, person);
    const url = `/emargement/${checkInToken(registration.id)}`;
    const officer = await signedIn(await buildOfficer(db, org.id, true));
    const before = await writes();

    const anonymous = await app.inject({ method: 'GET', url });
    const member = await officer.get(url);
    for (const response of [anonymous, member]) {
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /Ce code se lit à l’accueil par l’équipe du réseau/);
      assert.doesNotMatch(response.body, /Ophélie|Discrète|Rencontre discrète/);
    }
    assert.match(anonymous.body, /href="\/connexion"/);
    assert.deepEqual(await writes(), before, 'nothing written');

    await officer.get('/mon-espace');
    const posted = await officer.post(url, { confirm: '1' });
    assert.equal(posted.statusCode, 403);
    assert.equal((await attendanceOf(event.id, person.id)).length, 0);
  });

  it('refuses a cross-site POST, even from staff', async () => {
    const event = await buildEvent(db, {}, inAnHour);
    const person = await buildPerson(db);
    const registration = await registerDirectly(event.id, person);
    const url = `/emargement/${checkInToken(registration.id)}`;
    const browser = await signedIn(staff);
    await browser.get(url);
    for (const origin of ['https://attaquant.example.net', 'null']) {
      const response = await browser.post(url, { confirm: '1' }, { origin });
      assert.equal(response.statusCode, 403, origin);
    }
    const withoutToken = await browser.post(url, { confirm: '1' }, { csrf: false });
    assert.equal(withoutToken.statusCode, 403);
    assert.equal((await attendanceOf(event.id, person.id)).length, 0);
  });

  it('answers 404 to a wrong mac or another registration’s id, for GET and POST', async () => {
    const event = await buildEvent(db, {}, inAnHour);
    const person = await buildPerson(db);
    const other = await buildPerson(db);
    const registration = await registerDirectly(event.id, person);
    const otherRegistration = await registerDirectly(event.id, other);
    const mac = checkInToken(registration.id).split('.')[1]!;
    const browser = await signedIn(staff);
    await browser.get(`/emargement/${checkInToken(registration.id)}`);
    for (const token of [
      `${otherRegistration.id}.${mac}`,
      `${registration.id}.${'A'.repeat(43)}`,
      `${registration.id}`,
      checkInToken('00000000-0000-4000-8000-000000000000'),
    ]) {
      const page = await browser.get(`/emargement/${token}`);
      assert.equal(page.statusCode, 404, token);
      assert.doesNotMatch(page.body, new RegExp(person.lastName));
      await browser.get(`/emargement/${checkInToken(registration.id)}`);
      const posted = await browser.post(`/emargement/${token}`, { confirm: '1' });
      assert.equal(posted.statusCode, 404, token);
    }
    assert.equal((await attendanceOf(event.id, person.id)).length, 0);
    assert.equal((await attendanceOf(event.id, other.id)).length, 0);
  });
});
