import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
  signedInBrowser,
} from '../../../tests/factories.ts';
import { testApp, testConfig } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Person } from '../organisations/people.ts';
import { attendance, registrations } from './events.schema.ts';
import { getEvent } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const settings = notificationSettings(testConfig());

describe('an event’s life, for staff', async () => {
  const { app, db, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const organisation = await buildLocalGovernment(db, { member: true });

  const signedIn = (person: Person) => signedInBrowser({ app, db }, person);

  const reg = async (eventId: string, person: Person, mode?: 'online' | 'in_person') => {
    const result = await register(
      db,
      { eventId, personId: person.id, registeredBy: person.id, mode },
      { settings },
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    return result.value;
  };
  const statusOf = async (id: string) =>
    (await db.select().from(registrations).where(eq(registrations.id, id)))[0]!;
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db, query))[0]!.n;
  const mailsTo = (to: string) =>
    queryRows<{ subject: string; text: string }>(
      db,
      sql`select subject, text from mails where lower("to") = lower(${to}) order by created_at`,
    );

  /** The fields of the change form, as the page prefilled them. */
  const eventForm = (body: string) => {
    const values: Record<string, string> = {};
    for (const match of body.matchAll(/<input[^>]*name="(\w+)"[^>]*>/g)) {
      const tag = match[0];
      const name = match[1]!;
      if (name === '_csrf' || name === 'confirm') continue;
      if (/type="checkbox"/.test(tag)) {
        if (/checked/.test(tag)) values[name] = 'on';
        continue;
      }
      values[name] = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
    }
    for (const match of body.matchAll(/<select[^>]*name="(\w+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      values[match[1]!] = /<option value="([^"]*)" selected/.exec(match[2]!)?.[1] ?? '';
    }
    for (const match of body.matchAll(/<textarea[^>]*name="(\w+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
      values[match[1]!] = match[2]!;
    }
    return values;
  };

  describe('changing an event (/gestion/evenements/:id/modification)', () => {
    it('prefills the form in Paris time, saves a change and tells it in the change log', async () => {
      const event = await buildEvent(db, {
        title: 'Atelier jumelages',
        startsAt: '2030-07-08T09:30:00+02:00',
        endsAt: '2030-07-08T12:00:00+02:00',
        venue: 'Salle Europe',
        capacity: 30,
      });
      const browser = await signedIn(staff);
      const form = await browser.get(`/gestion/evenements/${event.id}/modification`);
      assert.equal(form.statusCode, 200);
      const values = eventForm(form.body);
      assert.equal(values.title, 'Atelier jumelages');
      assert.equal(values.startsAt, '2030-07-08T09:30');
      assert.equal(values.endsAt, '2030-07-08T12:00');
      assert.equal(values.capacity, '30');
      assert.equal(values.kind, 'meeting');
      const saved = await browser.post(`/gestion/evenements/${event.id}/modification`, {
        ...values,
        title: 'Atelier des jumelages',
      });
      assert.equal(saved.statusCode, 303, saved.body);
      assert.match(saved.headers.location as string, /info=events.event_changed$/);
      assert.equal((await getEvent(db, event.id))!.title, 'Atelier des jumelages');
      const page = await browser.get(`/gestion/evenements/${event.id}`);
      assert.match(page.body, /Historique des modifications/);
      assert.match(
        page.body,
        /Équipe [^<]* a modifié : titre \(« Atelier jumelages » → « Atelier des jumelages »\)\./,
      );
      assert.match(page.body, /a créé l’événement\./);
    });

    it('refuses a wrong change with French errors, keeps what was typed and changes nothing', async () => {
      const event = await buildEvent(db, { title: 'Réunion de printemps' });
      const browser = await signedIn(staff);
      const values = eventForm((await browser.get(`/gestion/evenements/${event.id}/modification`)).body);
      const refused = await browser.post(`/gestion/evenements/${event.id}/modification`, {
        ...values,
        title: 'Réunion d’été',
        startsAt: '2030-07-08T10:00',
        endsAt: '2030-07-08T09:00',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /<a href="#endsAt">La fin précède le début\.<\/a>/);
      assert.match(refused.body, /value="Réunion d’été"/);
      assert.equal((await getEvent(db, event.id))!.title, 'Réunion de printemps');
    });

    it('says how many people a change of place will be mailed to, and saves it only once confirmed', async () => {
      const event = await buildEvent(db, { title: 'Forum de Limoges', venue: 'Limoges' });
      await reg(event.id, await buildOfficer(db, organisation.id));
      await reg(event.id, await buildElected(db, organisation.id));
      const browser = await signedIn(staff);
      const values = eventForm((await browser.get(`/gestion/evenements/${event.id}/modification`)).body);
      const typed = { ...values, venue: 'Tulle' };
      const asked = await browser.post(`/gestion/evenements/${event.id}/modification`, typed);
      assert.equal(asked.statusCode, 200);
      assert.match(asked.body, /annoncé par courriel à 2 personnes inscrites ou en attente/);
      assert.match(asked.body, /value="Tulle"/);
      assert.equal((await getEvent(db, event.id))!.venue, 'Limoges');
      const token = /name="confirm" value="([^"]+)"/.exec(asked.body)![1]!;
      const confirmed = await browser.post(`/gestion/evenements/${event.id}/modification`, {
        ...typed,
        confirm: token,
      });
      assert.equal(confirmed.statusCode, 303, confirmed.body);
      assert.match(confirmed.headers.location as string, /info=events.event_changed_announced$/);
      assert.equal((await getEvent(db, event.id))!.venue, 'Tulle');
      await jobs.drain();
      assert.equal(
        await count(
          sql`select count(*)::int as n from mails where subject = ${`Modification : ${event.title}`}`,
        ),
        2,
      );
    });

    it('answers 404 for an event that does not exist, and refuses a cancelled event', async () => {
      const browser = await signedIn(staff);
      const missing = await browser.get(
        '/gestion/evenements/00000000-0000-4000-8000-000000000000/modification',
      );
      assert.equal(missing.statusCode, 404);
      const event = await buildEvent(db, { title: 'Annulé d’avance' });
      await db.execute(
        sql`update events set cancelled_at = now(), cancellation_reason = 'x' where id = ${event.id}`,
      );
      const refused = await browser.get(`/gestion/evenements/${event.id}/modification`);
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /ne peut plus être modifié/);
    });
  });

  describe('cancelling an event (/gestion/evenements/:id/annulation)', () => {
    it('shows who will be mailed and the mail, asks for a reason, then cancels and says so everywhere', async () => {
      const event = await buildEvent(db, { title: 'Colloque climat', capacity: 1 });
      const ines = await buildPerson(db, { firstName: 'Inès', lastName: 'Abadie' });
      const marc = await buildPerson(db, { firstName: 'Marc', lastName: 'Zerbib' });
      await reg(event.id, ines);
      await reg(event.id, marc);
      const browser = await signedIn(staff);
      const page = await browser.get(`/gestion/evenements/${event.id}/annulation`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /2 personnes inscrites ou en attente recevront/);
      assert.match(page.body, /Inès Abadie/);
      assert.match(page.body, /Marc Zerbib/);
      assert.match(page.body, /Annulé : Colloque climat/);
      assert.match(page.body, /Cet événement est annulé\./);

      const noReason = await browser.post(`/gestion/evenements/${event.id}/annulation`, { reason: '  ' });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /Indiquez le motif de l’annulation\./);
      assert.equal((await getEvent(db, event.id))!.cancelledAt, null);

      const done = await browser.post(`/gestion/evenements/${event.id}/annulation`, {
        reason: 'Le lieu est fermé.',
      });
      assert.equal(done.statusCode, 303, done.body);
      const cancelled = (await getEvent(db, event.id))!;
      assert.ok(cancelled.cancelledAt);
      assert.equal(cancelled.cancellationReason, 'Le lieu est fermé.');
      const staffPage = await browser.get(`/gestion/evenements/${event.id}`);
      assert.match(staffPage.body, /<span class="badge badge-warn">Annulé<\/span>/);
      assert.match(staffPage.body, /Motif : Le lieu est fermé\./);
      assert.match(staffPage.body, /a annulé l’événement\. Motif : Le lieu est fermé\./);
      const list = await browser.get('/gestion/evenements');
      assert.match(
        list.body,
        new RegExp(`<span class="badge badge-warn">Annulé</span> <a href="/gestion/evenements/${event.id}">`),
      );
      const publicPage = await app.inject({ url: `/agenda/${event.id}` });
      assert.match(publicPage.body, /<span class="badge badge-warn">Annulé<\/span>/);
      await jobs.drain();
      assert.equal(
        (await mailsTo(ines.email)).filter((m) => m.subject === 'Annulé : Colloque climat').length,
        1,
      );
      // Twice: refused, nothing new.
      const again = await browser.post(`/gestion/evenements/${event.id}/annulation`, { reason: 'Encore' });
      assert.equal(again.statusCode, 409);
      assert.equal((await getEvent(db, event.id))!.cancellationReason, 'Le lieu est fermé.');
    });
  });

  describe('copying an event (/gestion/evenements/:id/copie)', () => {
    it('prefills the creation form with the event, its dates empty', async () => {
      const event = await buildEvent(db, {
        title: 'Chroniques géopolitiques — séance 3',
        series: 'Chroniques géopolitiques',
        description: 'Un regard sur le Sahel.',
        venue: 'Paris',
        capacity: 80,
        audience: 'members',
        season: 6,
        sessionNumber: 3,
        guest: 'Dorothée Schmid, IFRI',
      });
      const browser = await signedIn(staff);
      // Changing the event through its form keeps what the form does not touch: the season, its guest.
      const edited = await browser.post(`/gestion/evenements/${event.id}/modification`, {
        ...eventForm((await browser.get(`/gestion/evenements/${event.id}/modification`)).body),
        description: 'Un regard sur le Sahel et le golfe de Guinée.',
      });
      assert.equal(edited.statusCode, 303, edited.body);
      const after = (await getEvent(db, event.id))!;
      assert.deepEqual([after.season, after.sessionNumber, after.guest], [6, 3, 'Dorothée Schmid, IFRI']);
      assert.equal(after.description, 'Un regard sur le Sahel et le golfe de Guinée.');
      const page = await browser.get(`/gestion/evenements/${event.id}/copie`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /action="\/gestion\/evenements"/);
      const values = eventForm(page.body);
      assert.equal(values.title, 'Chroniques géopolitiques — séance 3');
      assert.equal(values.series, 'Chroniques géopolitiques');
      assert.equal(values.venue, 'Paris');
      assert.equal(values.capacity, '80');
      assert.equal(values.audience, 'members');
      assert.equal(values.description, 'Un regard sur le Sahel et le golfe de Guinée.');
      // The next session of the same season, whose guest is still to be found.
      assert.deepEqual([values.season, values.sessionNumber, values.guest], ['6', '4', '']);
      assert.equal(values.startsAt, '');
      assert.equal(values.endsAt, '');
      const created = await browser.post('/gestion/evenements', {
        ...values,
        // The series typed again in other letters' case is the same series.
        series: 'chroniques GÉOPOLITIQUES',
        startsAt: '2031-01-15T18:00',
        endsAt: '2031-01-15T20:00',
      });
      assert.equal(created.statusCode, 303, created.body);
      const id = (created.headers.location as string).split('/')[3]!.split('?')[0]!;
      const copy = (await getEvent(db, id))!;
      assert.notEqual(copy.id, event.id);
      assert.equal(copy.seriesId, event.seriesId);
      assert.equal(copy.startsAt.toISOString(), '2031-01-15T17:00:00.000Z');
    });
  });

  describe('registrations managed by staff', () => {
    it('cancels someone’s registration after showing the mails, and the first person waiting takes the seat', async () => {
      const event = await buildEvent(db, { title: 'Atelier complet', capacity: 1 });
      const first = await buildPerson(db, { firstName: 'Alice', lastName: 'Premier' });
      const second = await buildPerson(db, { firstName: 'Bruno', lastName: 'Second' });
      const a = await reg(event.id, first);
      const b = await reg(event.id, second);
      assert.equal(b.status, 'waitlisted');
      const browser = await signedIn(staff);
      const manage = await browser.get(`/gestion/evenements/${event.id}`);
      assert.match(manage.body, new RegExp(`/inscriptions/${a.id}/annulation`));
      assert.match(manage.body, new RegExp(`/inscriptions/${b.id}/confirmation`));
      const confirm = await browser.get(`/gestion/evenements/${event.id}/inscriptions/${a.id}/annulation`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Annuler l’inscription de Alice Premier/);
      assert.match(confirm.body, /La place libérée va à Bruno Second/);
      assert.match(confirm.body, /Inscription annulée : Atelier complet/);
      assert.match(confirm.body, /Une place s’est libérée : Atelier complet/);
      const done = await browser.post(`/gestion/evenements/${event.id}/inscriptions/${a.id}/annulation`, {});
      assert.equal(done.statusCode, 303, done.body);
      assert.equal((await statusOf(a.id)).status, 'cancelled');
      assert.equal((await statusOf(b.id)).status, 'confirmed');
      // A registration named with another event's address is not found, and nothing changes.
      const other = await buildEvent(db);
      const wrong = await browser.post(`/gestion/evenements/${other.id}/inscriptions/${b.id}/annulation`, {});
      assert.equal(wrong.statusCode, 404);
      assert.equal((await statusOf(b.id)).status, 'confirmed');
      // Once the event has started there is nothing to confirm: the page says why, and no button is offered.
      const started = await buildEvent(db, { title: 'Atelier commencé' }, -1 / 24);
      const c = await register(
        db,
        { eventId: started.id, personId: first.id, registeredBy: staff.id },
        { settings, at: new Date(started.startsAt.getTime() - 86_400_000) },
      );
      assert.ok(c.ok);
      const late = await browser.get(
        `/gestion/evenements/${started.id}/inscriptions/${c.value.id}/annulation`,
      );
      assert.equal(late.statusCode, 422);
      assert.match(late.body, /L’événement a commencé : l’inscription ne peut plus être annulée\./);
      assert.doesNotMatch(late.body, /Annuler l’inscription et prévenir/);
    });

    it('confirms someone waiting: refused when full unless « au-delà de la capacité » is ticked', async () => {
      const event = await buildEvent(db, { title: 'Petit comité', capacity: 1 });
      await reg(event.id, await buildPerson(db));
      const waiting = await buildPerson(db, { firstName: 'Chloé', lastName: 'Attente' });
      const w = await reg(event.id, waiting);
      const browser = await signedIn(staff);
      const page = await browser.get(`/gestion/evenements/${event.id}/inscriptions/${w.id}/confirmation`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /L’événement est complet/);
      assert.match(page.body, /au-delà de la capacité/);
      const refused = await browser.post(
        `/gestion/evenements/${event.id}/inscriptions/${w.id}/confirmation`,
        {},
      );
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /cochez « au-delà de la capacité »/);
      assert.equal((await statusOf(w.id)).status, 'waitlisted');
      const done = await browser.post(`/gestion/evenements/${event.id}/inscriptions/${w.id}/confirmation`, {
        overCapacity: 'on',
      });
      assert.equal(done.statusCode, 303, done.body);
      assert.equal((await statusOf(w.id)).status, 'confirmed');
      await jobs.drain();
      assert.ok(
        (await mailsTo(waiting.email)).some((m) => m.subject === 'Une place s’est libérée : Petit comité'),
      );
    });

    it('changes how someone attends a hybrid event, and refuses it for an event in person', async () => {
      const event = await buildEvent(db, { format: 'hybrid', onlineUrl: 'https://visio.example.org/h' });
      const r = await reg(event.id, await buildPerson(db), 'in_person');
      const browser = await signedIn(staff);
      await browser.get(`/gestion/evenements/${event.id}`);
      const done = await browser.post(`/gestion/evenements/${event.id}/inscriptions/${r.id}/participation`, {
        mode: 'online',
      });
      assert.equal(done.statusCode, 303, done.body);
      assert.equal((await statusOf(r.id)).mode, 'online');
      const inPerson = await buildEvent(db);
      const s = await reg(inPerson.id, await buildPerson(db));
      const refused = await browser.post(
        `/gestion/evenements/${inPerson.id}/inscriptions/${s.id}/participation`,
        {
          mode: 'online',
        },
      );
      assert.equal(refused.statusCode, 422);
      assert.equal((await statusOf(s.id)).mode, 'in_person');
      const crafted = await browser.post(
        `/gestion/evenements/${event.id}/inscriptions/${r.id}/participation`,
        {
          mode: 'sur la lune',
        },
      );
      assert.equal(crafted.statusCode, 400);
      assert.equal((await statusOf(r.id)).mode, 'online');
    });

    /** Staff registers a new person (an officer of the organisation) through the event's page. */
    async function registerWithoutAccount(eventId: string, firstName: string, lastName: string) {
      const browser = await signedIn(staff);
      await browser.get(`/gestion/evenements/${eventId}`);
      const email = `${lastName.toLowerCase()}.${Date.now()}@example.org`;
      const done = await browser.post(`/gestion/evenements/${eventId}/inscriptions/sans-compte`, {
        firstName,
        lastName,
        email,
        personKind: 'officer',
        organisation: organisation.name,
      });
      assert.equal(done.statusCode, 303, done.body);
      return { email, location: done.headers.location as string };
    }

    it('registers someone without an account: made, registered, told how to sign in', async () => {
      const event = await buildEvent(db, { title: 'Rencontre des techniciens' });
      const { email, location } = await registerWithoutAccount(event.id, 'Nadia', 'Nouvelle');
      assert.match(location, /info=events.person_created_and_registered#inscriptions$/);
      const [person] = await queryRows<{ id: string; organisation_id: string | null }>(
        db,
        sql`select id, organisation_id from people where email = ${email}`,
      );
      assert.ok(person);
      assert.equal(person.organisation_id, organisation.id);
      const [registration] = await db
        .select()
        .from(registrations)
        .where(and(eq(registrations.eventId, event.id), eq(registrations.personId, person.id)));
      assert.equal(registration?.status, 'confirmed');
      assert.equal(registration?.registeredBy, staff.id);
      await jobs.drain();
      const subjects = (await mailsTo(email)).map((m) => m.subject).sort();
      assert.deepEqual(subjects, [
        'Inscription confirmée : Rencontre des techniciens',
        'Votre compte et votre inscription : Rencontre des techniciens',
      ]);
      assert.match(
        (await mailsTo(email)).find((m) => m.subject.startsWith('Votre compte'))!.text,
        /\/connexion/,
      );
    });

    it('tells staff and the new person of a place on the waiting list when the event is full', async () => {
      const event = await buildEvent(db, { title: 'Atelier sans place', capacity: 0 });
      const { email, location } = await registerWithoutAccount(event.id, 'Paul', 'Attente');
      assert.match(location, /info=events.person_created_and_waitlisted#inscriptions$/);
      await jobs.drain();
      const mails = await mailsTo(email);
      assert.deepEqual(mails.map((m) => m.subject).sort(), [
        'Liste d’attente : Atelier sans place',
        'Votre compte et votre inscription : Atelier sans place',
      ]);
      const welcome = mails.find((m) => m.subject.startsWith('Votre compte'))!.text;
      assert.match(welcome, /si votre place est confirmée ou si vous êtes sur la liste d’attente/);
    });

    it('finds someone who has an account by their address, whatever its case, instead of making them twice', async () => {
      const event = await buildEvent(db);
      const known = await buildPerson(db, { email: `Connue.${Date.now()}@Example.org` });
      const browser = await signedIn(staff);
      await browser.get(`/gestion/evenements/${event.id}`);
      const before = await count(sql`select count(*)::int as n from people`);
      const done = await browser.post(`/gestion/evenements/${event.id}/inscriptions/sans-compte`, {
        firstName: 'Autre',
        lastName: 'Nom',
        email: known.email.toLowerCase(),
        personKind: 'officer',
        organisation: '',
      });
      assert.equal(done.statusCode, 303, done.body);
      assert.equal(await count(sql`select count(*)::int as n from people`), before);
      assert.equal(
        await count(
          sql`select count(*)::int as n from registrations where event_id = ${event.id} and person_id = ${known.id}`,
        ),
        1,
      );
    });

    it('refuses an unknown organisation or a bad address, re-shows what was typed and makes nobody', async () => {
      const event = await buildEvent(db);
      const browser = await signedIn(staff);
      await browser.get(`/gestion/evenements/${event.id}`);
      const before = await count(sql`select count(*)::int as n from people`);
      const unknown = await browser.post(`/gestion/evenements/${event.id}/inscriptions/sans-compte`, {
        firstName: 'Zoé',
        lastName: 'Inconnue',
        email: `zoe.${Date.now()}@example.org`,
        personKind: 'officer',
        organisation: 'Commune qui n’existe pas du tout',
      });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /Aucune organisation ne correspond à « Commune qui n’existe pas du tout »/);
      assert.match(unknown.body, /value="Zoé"/);
      const badEmail = await browser.post(`/gestion/evenements/${event.id}/inscriptions/sans-compte`, {
        firstName: 'Zoé',
        lastName: 'Inconnue',
        email: 'pas une adresse',
        personKind: 'officer',
        organisation: '',
      });
      assert.equal(badEmail.statusCode, 400);
      assert.match(badEmail.body, /href="#new-email"/);
      // Registrations closed: the person made for it is not kept.
      const past = await buildEvent(db, {}, -3);
      const closed = await browser.post(`/gestion/evenements/${past.id}/inscriptions/sans-compte`, {
        firstName: 'Zoé',
        lastName: 'Tardive',
        email: `zoe.tardive.${Date.now()}@example.org`,
        personKind: 'officer',
        organisation: '',
      });
      assert.equal(closed.statusCode, 422);
      assert.match(closed.body, /Les inscriptions à cet événement sont closes/);
      assert.equal(await count(sql`select count(*)::int as n from people`), before);
    });
  });

  describe('the API', async () => {
    const auth = await bearer(db, staff);
    const officer = await buildOfficer(db, organisation.id);
    const officerAuth = await bearer(db, officer);

    it('POST /api/v1/registrations/:id/promote: 409 event_full, then 200 with overCapacity', async () => {
      const event = await buildEvent(db, { capacity: 1 });
      await reg(event.id, await buildPerson(db));
      const w = await reg(event.id, await buildPerson(db));
      const url = `/api/v1/registrations/${w.id}/promote`;
      const full = await app.inject({ method: 'POST', url, headers: auth, payload: {} });
      assert.equal(full.statusCode, 409);
      assert.equal(full.json().error.code, 'event_full');
      assert.equal((await statusOf(w.id)).status, 'waitlisted');
      const forbidden = await app.inject({
        method: 'POST',
        url,
        headers: officerAuth,
        payload: { overCapacity: true },
      });
      assert.equal(forbidden.statusCode, 403);
      const done = await app.inject({ method: 'POST', url, headers: auth, payload: { overCapacity: true } });
      assert.equal(done.statusCode, 200);
      assert.deepEqual(done.json(), { id: w.id, status: 'confirmed' });
      assert.equal((await statusOf(w.id)).status, 'confirmed');
      const again = await app.inject({ method: 'POST', url, headers: auth, payload: { overCapacity: true } });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'not_waitlisted');
    });

    it('POST /api/v1/registrations/:id/promote: a free seat needs no overCapacity', async () => {
      const event = await buildEvent(db, { capacity: 1 });
      const first = await reg(event.id, await buildPerson(db));
      const w = await reg(event.id, await buildPerson(db));
      await db.execute(sql`update registrations set status = 'cancelled' where id = ${first.id}`);
      const done = await app.inject({
        method: 'POST',
        url: `/api/v1/registrations/${w.id}/promote`,
        headers: auth,
        payload: {},
      });
      assert.equal(done.statusCode, 200);
    });

    it('POST /api/v1/events/:id/attendance: not before the start; a walk-in is registered once, outside the capacity', async () => {
      const upcoming = await buildEvent(db, {}, 5);
      const walkIn = await buildPerson(db);
      const early = await app.inject({
        method: 'POST',
        url: `/api/v1/events/${upcoming.id}/attendance`,
        headers: auth,
        payload: { personId: walkIn.id },
      });
      assert.equal(early.statusCode, 422);
      assert.equal(early.json().error.code, 'event_not_started');
      assert.equal(
        await count(sql`select count(*)::int as n from attendance where event_id = ${upcoming.id}`),
        0,
      );

      const past = await buildEvent(db, { capacity: 1 }, -2);
      await db.execute(sql`update events set capacity = 0 where id = ${past.id}`);
      const url = `/api/v1/events/${past.id}/attendance`;
      const first = await app.inject({
        method: 'POST',
        url,
        headers: auth,
        payload: { personId: walkIn.id },
      });
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(first.json().registered, true);
      const [registration] = await db
        .select()
        .from(registrations)
        .where(and(eq(registrations.eventId, past.id), eq(registrations.personId, walkIn.id)));
      assert.equal(registration?.status, 'confirmed');
      assert.equal(first.json().registrationId, registration?.id);
      const again = await app.inject({
        method: 'POST',
        url,
        headers: auth,
        payload: { personId: walkIn.id },
      });
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json(), {
        registrationId: registration?.id,
        recorded: false,
        registered: false,
      });
      assert.equal(
        (
          await db
            .select()
            .from(attendance)
            .where(and(eq(attendance.eventId, past.id), eq(attendance.personId, walkIn.id)))
        ).length,
        1,
      );
      assert.equal(
        await count(sql`select count(*)::int as n from registrations where event_id = ${past.id}`),
        1,
      );
    });

    it('POST /api/v1/events/:id/attendance: someone registered who came is recorded without a new registration', async () => {
      const event = await buildEvent(db, { format: 'hybrid', onlineUrl: 'https://visio.example.org/a' }, 10);
      const person = await buildPerson(db);
      const r = await reg(event.id, person, 'online');
      await db.execute(
        sql`update events set starts_at = now() - interval '1 hour', ends_at = now() + interval '1 hour' where id = ${event.id}`,
      );
      const url = `/api/v1/events/${event.id}/attendance`;
      const done = await app.inject({ method: 'POST', url, headers: auth, payload: { personId: person.id } });
      assert.equal(done.statusCode, 201);
      assert.deepEqual(done.json(), { registrationId: r.id, recorded: true, registered: false });
      const unknown = await app.inject({
        method: 'POST',
        url,
        headers: auth,
        payload: { personId: '00000000-0000-4000-8000-000000000000' },
      });
      assert.equal(unknown.statusCode, 404);
      const notStaff = await app.inject({
        method: 'POST',
        url,
        headers: officerAuth,
        payload: { personId: person.id },
      });
      assert.equal(notStaff.statusCode, 403);
    });
  });
});
