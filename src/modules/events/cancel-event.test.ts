import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, engine, testApp, testConfig } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Person } from '../organisations/people.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';

const settings = notificationSettings(testConfig());

describe('cancelling an event (POST /api/v1/events/:id/cancel)', async () => {
  const { app, db, jobs } = await testApp({ after });
  const [staff, otherStaff] = [await buildStaff(db), await buildStaff(db)];
  const auth = await bearer(db, staff);
  const otherAuth = await bearer(db, otherStaff);
  const organisation = await buildLocalGovernment(db, { member: true });
  const cancel = (
    id: string,
    payload: object = { reason: 'La salle n’est plus disponible.' },
    headers = auth,
  ) => app.inject({ method: 'POST', url: `/api/v1/events/${id}/cancel`, headers, payload });

  const reg = async (eventId: string, person: Person) => {
    const result = await register(
      db,
      { eventId, personId: person.id, registeredBy: person.id },
      { settings },
    );
    assert.ok(result.ok);
    return result.value;
  };
  /** Mails written about an event's cancellation, by recipient. */
  const cancellationMails = (title: string) =>
    queryRows<{ to: string; calendar_method: string; calendar: string; text: string }>(
      db,
      sql`select "to", calendar_method, calendar, text from mails where subject = ${`Annulé : ${title}`} order by "to"`,
    );
  const count = async (query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db, query))[0]!.n;

  /** An event with a confirmed person, one waiting, and one whose registration was cancelled. */
  async function eventWithPeople(title: string, days = 30) {
    const event = await buildEvent(db, { title, capacity: 1, format: 'online' }, days);
    const people = {
      confirmed: await buildElected(db, organisation.id),
      waiting: await buildOfficer(db, organisation.id),
      gone: await buildOfficer(db, organisation.id),
    };
    await reg(event.id, people.confirmed);
    await reg(event.id, people.waiting);
    const cancelled = await reg(event.id, people.gone);
    await db.execute(sql`update registrations set status = 'cancelled' where id = ${cancelled.id}`);
    await jobs.drain();
    return { event, people };
  }

  it('cancels with a reason and mails each person registered or waiting once, with an iTIP CANCEL', async () => {
    const { event, people } = await eventWithPeople('Chroniques géopolitiques — saison 6');
    const response = await cancel(event.id);
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.status, 'cancelled');
    assert.equal(body.cancellationReason, 'La salle n’est plus disponible.');
    assert.equal(body.sequence, 1);
    await jobs.drain();
    // The job runs again (a worker died after writing the mails, say): nobody is mailed twice.
    await db.execute(sql`update jobs set done_at = null, run_at = now() where kind = 'event.notice'`);
    await jobs.drain();
    const mails = await cancellationMails(event.title);
    assert.deepEqual(mails.map((m) => m.to).sort(), [people.confirmed.email, people.waiting.email].sort());
    for (const mail of mails) {
      assert.equal(mail.calendar_method, 'CANCEL');
      assert.match(mail.calendar, /\r\nMETHOD:CANCEL\r\n/);
      assert.match(mail.calendar, /\r\nSTATUS:CANCELLED\r\n/);
      assert.match(mail.calendar, /\r\nSEQUENCE:1\r\n/);
      assert.match(mail.text, /Motif : La salle n’est plus disponible\./);
    }
    const [entry] = await queryRows<{ actor_id: string; data: unknown }>(
      db,
      sql`select actor_id, data from audit_log where entity = 'event' and entity_id = ${event.id} and action = 'cancel'`,
    );
    assert.deepEqual(entry, {
      actor_id: staff.id,
      data: { reason: 'La salle n’est plus disponible.', sequence: 1 },
    });
  });

  it('answers 409 to a second cancellation, and writes nothing new', async () => {
    const { event } = await eventWithPeople('Décryptage thématique annulé deux fois');
    assert.equal((await cancel(event.id)).statusCode, 200);
    await jobs.drain();
    const before = await count(sql`select count(*)::int as n from mails`);
    const again = await cancel(event.id, { reason: 'Autre motif' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_cancelled');
    assert.match(again.json().error.message, /^Cet événement est déjà annulé \(depuis le .+\)\.$/);
    await jobs.drain();
    assert.equal(await count(sql`select count(*)::int as n from mails`), before);
    const [row] = await queryRows<{ reason: string; sequence: number }>(
      db,
      sql`select cancellation_reason as reason, sequence from events where id = ${event.id}`,
    );
    assert.deepEqual(row, { reason: 'La salle n’est plus disponible.', sequence: 1 });
  });

  it(`lets two staff members cancel at once: one succeeds, each person is mailed once (${engine})`, async () => {
    const { event, people } = await eventWithPeople('Comité de pilotage en double');
    const answers = await Promise.all([
      cancel(event.id, { reason: 'Motif de la première' }),
      cancel(event.id, { reason: 'Motif de la seconde' }, otherAuth),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409]);
    await jobs.drain();
    const mails = await cancellationMails(event.title);
    assert.deepEqual(mails.map((m) => m.to).sort(), [people.confirmed.email, people.waiting.email].sort());
    assert.equal(
      await count(
        sql`select count(*)::int as n from audit_log where entity = 'event' and entity_id = ${event.id} and action = 'cancel'`,
      ),
      1,
    );
    assert.equal(
      await count(
        sql`select count(*)::int as n from jobs where kind = 'event.notice' and payload->>'eventId' = ${event.id}`,
      ),
      1,
    );
  });

  it('sends nothing from the reminders and video links already queued for it', async () => {
    const { event, people } = await eventWithPeople('Webinaire annulé la veille', 3);
    const queued = await count(
      sql`select count(*)::int as n from jobs j join registrations r on r.id::text = j.payload->>'registrationId' where j.kind = 'event.reminder' and r.event_id = ${event.id}`,
    );
    assert.equal(queued, 2, 'the reminder and the link of the confirmed person are queued');
    assert.equal((await cancel(event.id)).statusCode, 200);
    await db.execute(sql`update jobs set run_at = now() where kind = 'event.reminder' and done_at is null`);
    await jobs.drain();
    const sent = await queryRows<{ subject: string }>(
      db,
      sql`select subject from mails where "to" = ${people.confirmed.email} order by created_at`,
    );
    assert.deepEqual(
      sent.map((m) => m.subject),
      [`Inscription confirmée : ${event.title}`, `Annulé : ${event.title}`],
    );
  });

  it('does not mail a change announced just before the cancellation', async () => {
    const { event, people } = await eventWithPeople('Atelier déplacé puis annulé');
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/events/${event.id}`,
      headers: auth,
      payload: { onlineUrl: 'https://visio.example.org/nouveau' },
    });
    assert.equal(moved.statusCode, 200);
    assert.equal((await cancel(event.id)).statusCode, 200);
    await jobs.drain();
    const subjects = await queryRows<{ subject: string }>(
      db,
      sql`select subject from mails where "to" = ${people.confirmed.email} and created_at > now() - interval '1 minute' order by created_at`,
    );
    assert.ok(!subjects.some((m) => m.subject.startsWith('Modification')), JSON.stringify(subjects));
  });

  it('refuses registrations with 422 event_cancelled, in French, by the API and on the page', async () => {
    const event = await buildEvent(db, { title: 'Forum annulé' });
    assert.equal((await cancel(event.id)).statusCode, 200);
    const person = await buildElected(db, organisation.id);
    const api = await app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/registrations`,
      headers: await bearer(db, person),
      payload: { personId: person.id },
    });
    assert.equal(api.statusCode, 422);
    assert.deepEqual(api.json().error, {
      code: 'event_cancelled',
      message: 'Cet événement est annulé : il n’est plus possible de s’y inscrire.',
    });
    const browser = new Browser(app);
    const [name, value] = (await sessionCookie(db, person)).split('=') as [string, string];
    browser.jar.store({ cookies: [{ name, value }] });
    const page = await browser.get(`/agenda/${event.id}`);
    assert.doesNotMatch(page.body, /M’inscrire/);
    const forced = await browser.post(`/agenda/${event.id}/inscription`, {});
    assert.equal(forced.statusCode, 422);
    assert.match(forced.body, /Cet événement est annulé : il n’est plus possible de s’y inscrire\./);
    assert.equal(
      await count(sql`select count(*)::int as n from registrations where event_id = ${event.id}`),
      0,
    );
  });

  it('shows « Annulé » on the agenda, on the event page with its reason, and in « Mes inscriptions »', async () => {
    const { event, people } = await eventWithPeople('Rencontre annulée pour tous');
    assert.equal((await cancel(event.id, { reason: 'Grève des transports.' })).statusCode, 200);
    const list = await app.inject({ method: 'GET', url: `/agenda?q=${encodeURIComponent(event.title)}` });
    assert.match(list.body, /<span class="badge badge-warn">Annulé<\/span>/);
    const page = await app.inject({ method: 'GET', url: `/agenda/${event.id}` });
    assert.match(
      page.body,
      /<h1>Rencontre annulée pour tous <span class="badge badge-warn">Annulé<\/span><\/h1>/,
    );
    assert.match(page.body, /Cet événement est annulé\.<\/strong> Motif : Grève des transports\./);
    assert.doesNotMatch(page.body, /Connectez-vous<\/a> pour vous inscrire/);
    const browser = new Browser(app);
    const [name, value] = (await sessionCookie(db, people.confirmed)).split('=') as [string, string];
    browser.jar.store({ cookies: [{ name, value }] });
    const mine = await browser.get('/mes-inscriptions');
    assert.match(mine.body, /Événement annulé/);
    assert.doesNotMatch(mine.body, new RegExp(`Annuler mon inscription à « ${event.title} »`));
  });

  it('refuses to cancel without a reason (400) and an event that has ended (422)', async () => {
    const event = await buildEvent(db);
    const noReason = await cancel(event.id, { reason: '   ' });
    assert.equal(noReason.statusCode, 400);
    assert.ok(noReason.json().error.fields.reason);
    const past = await buildEvent(db, {}, -3);
    const over = await cancel(past.id);
    assert.equal(over.statusCode, 422);
    assert.deepEqual(over.json().error, {
      code: 'event_over',
      message: 'Cet événement est terminé : il ne peut plus être annulé.',
    });
    const unknown = await cancel('00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.statusCode, 404);
    assert.equal(
      await count(
        sql`select count(*)::int as n from events where id in (${event.id}, ${past.id}) and cancelled_at is not null`,
      ),
      0,
    );
  });
});
