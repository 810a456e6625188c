import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { startSmtp } from '../../../tests/smtp.ts';
import { queryRows } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { enqueue } from '../../platform/jobs/queue.ts';
import type { Person } from '../organisations/people.ts';
import { cancelEvent } from './cancel-event.ts';
import { recordAttendance } from './check-in.ts';
import { sendEventMessage } from './event-messages.ts';
import type { Event } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { mergeEventsPerson } from './person-merge.ts';
import { register } from './register.ts';

const weekday = /(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2}(er)? \p{L}+ \d{4}/u;

describe('writing to an event’s registrants', async () => {
  const smtp = await startSmtp({ after });
  const { app, db, jobs, config } = await testApp({ after }, { SMTP_URL: smtp.url });
  const settings = notificationSettings(config);
  const staff = await buildStaff(db);
  const staffApi = await bearer(db, staff);
  const organisation = await buildLocalGovernment(db, { member: true });

  async function signedIn(person: Person) {
    const browser = new Browser(app);
    const [name, value] = (await sessionCookie(db, person)).split('=') as [string, string];
    browser.jar.store({ cookies: [{ name, value }] });
    await browser.get('/'); // its CSRF token
    return browser;
  }

  /** Registers a person, as if a day before the event (so that past events can have registrants). */
  async function registered(event: Event, person: Person) {
    const at = new Date(event.startsAt.getTime() - 86_400_000);
    const result = await register(
      db,
      { eventId: event.id, personId: person.id, registeredBy: person.id },
      { settings, at },
    );
    assert.ok(result.ok, result.ok ? '' : result.error.message);
    return result.value;
  }

  const mailsWith = (subject: string) =>
    queryRows<{ to: string; text: string; sent_at: Date | null }>(
      db,
      sql`select "to", text, sent_at from mails where subject = ${subject} order by "to"`,
    );
  const messagesOf = (eventId: string) =>
    queryRows<{ subject: string; audience: string; recipients: number; sent_by: string }>(
      db,
      sql`select subject, audience, recipients, sent_by from event_messages where event_id = ${eventId}`,
    );
  const received = (subject: string) => smtp.received.filter((m) => m.subject === subject);

  it('previews who receives what, then sends each confirmed registrant the message once, kept on the event', async () => {
    const event = await buildEvent(db, { title: 'Assises de la coopération', capacity: 2 });
    const [ada, bea, cle] = [
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
    ];
    await registered(event, ada);
    await registered(event, bea);
    await registered(event, cle); // the waiting list: not a confirmed registrant
    const browser = await signedIn(staff);

    const manage = await browser.get(`/gestion/evenements/${event.id}`);
    assert.match(manage.body, new RegExp(`href="/gestion/evenements/${event.id}/messages"`));
    const page = await browser.get(`/gestion/evenements/${event.id}/messages`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aucun message n’a encore été écrit/);

    const form = {
      to: 'confirmed',
      subject: 'Ordre du jour',
      body: 'L’ordre du jour est en ligne.\r\n\r\nMerci de le lire avant la séance.',
    };
    const preview = await browser.post(`/gestion/evenements/${event.id}/messages/apercu`, form);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /2 destinataires/);
    assert.match(preview.body, new RegExp(ada.lastName));
    assert.match(preview.body, new RegExp(bea.lastName));
    assert.doesNotMatch(preview.body, new RegExp(cle.lastName));
    // The mail as it will be sent: greeting, the text, why, the network's signature.
    assert.match(preview.body, /Objet :<\/strong> Ordre du jour — Assises de la coopération/);
    assert.match(preview.body, /Bonjour Camille,/);
    assert.match(preview.body, /Merci de le lire avant la séance\./);
    assert.match(
      preview.body,
      /Vous recevez ce message car vous êtes inscrit·e à « Assises de la coopération » \(/,
    );
    assert.match(preview.body, weekday);
    assert.ok(preview.body.includes(`— ${network().name}`));
    // A preview writes nothing.
    assert.deepEqual(await messagesOf(event.id), []);

    const sent = await browser.post(`/gestion/evenements/${event.id}/messages`, form);
    assert.equal(sent.statusCode, 303);
    assert.match(sent.headers.location as string, /info=events\.event_message_sent/);
    // The button pressed twice: recorded once, mailed once.
    const again = await browser.post(`/gestion/evenements/${event.id}/messages`, form);
    assert.equal(again.statusCode, 303);
    assert.match(again.headers.location as string, /info=events\.event_message_already_sent/);
    await jobs.drain();
    await jobs.drain();

    const subject = 'Ordre du jour — Assises de la coopération';
    const mails = await mailsWith(subject);
    assert.deepEqual(
      mails.map((m) => m.to),
      [ada.email, bea.email].sort(),
    );
    for (const mail of mails) {
      assert.ok(mail.sent_at, 'sent over SMTP');
      assert.match(mail.text, /L’ordre du jour est en ligne\.\n\nMerci de le lire avant la séance\./);
      assert.match(mail.text, /Voir l’événement : http:\/\/localhost:3000\/agenda\//);
    }
    // The job run again (a crash after writing the mails, say) writes no mail twice.
    const [job] = await queryRows<{ payload: Record<string, unknown> }>(
      db,
      sql`select payload from jobs where kind = 'event.notice' and payload->>'notice' = 'message' and payload->>'eventId' = ${event.id}`,
    );
    await enqueue(db, 'event.notice', job!.payload);
    await jobs.drain();
    assert.equal((await mailsWith(subject)).length, 2);
    assert.equal(received(subject).length, 2);
    assert.deepEqual(
      received(subject)
        .map((m) => (Array.isArray(m.to) ? '' : m.to?.text))
        .sort(),
      [ada.email, bea.email].sort(),
    );
    assert.deepEqual(await messagesOf(event.id), [
      { subject: 'Ordre du jour', audience: 'confirmed', recipients: 2, sent_by: staff.id },
    ]);
    const audited = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'message' and entity_id = ${event.id} and actor_id = ${staff.id}`,
    );
    assert.equal(audited[0]!.n, 1);

    const listed = await browser.get(`/gestion/evenements/${event.id}/messages`);
    assert.match(listed.body, /1 message envoyé/);
    assert.match(listed.body, /<summary>Ordre du jour<\/summary>/);
    assert.match(listed.body, /Inscrits confirmés : 2 personnes/);
    assert.match(listed.body, new RegExp(`Équipe ${staff.lastName}`));
  });

  it('writes to the waiting list, the people present, the absent ones, or all, each once', async () => {
    const event = await buildEvent(db, { title: 'Forum des jumelages', capacity: 2 }, -0.01);
    const [here, away, waiting] = [
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
    ];
    await registered(event, here);
    await registered(event, away);
    await registered(event, waiting);
    await recordAttendance(db, {
      eventId: event.id,
      personId: here.id,
      source: 'check_in',
      recordedBy: staff.id,
    });
    const browser = await signedIn(staff);
    const previewOf = async (to: string) => {
      const response = await browser.post(`/gestion/evenements/${event.id}/messages/apercu`, {
        to,
        subject: `Suite ${to}`,
        body: 'Merci.',
      });
      assert.equal(response.statusCode, 200, `${to}: ${response.body.slice(0, 200)}`);
      return [here, away, waiting].filter((p) => response.body.includes(p.lastName)).map((p) => p.id);
    };
    assert.deepEqual(await previewOf('present'), [here.id]);
    assert.deepEqual(await previewOf('absent'), [away.id]);
    assert.deepEqual(await previewOf('waitlisted'), [waiting.id]);
    assert.deepEqual(await previewOf('all'), [here.id, away.id, waiting.id]);

    const absent = await browser.post(`/gestion/evenements/${event.id}/messages`, {
      to: 'absent',
      subject: 'Vous nous avez manqué',
      body: 'Le compte rendu suivra.',
    });
    assert.equal(absent.statusCode, 303);
    const all = await app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/messages`,
      headers: staffApi,
      payload: { to: 'all', subject: 'Compte rendu', body: 'Le compte rendu est en ligne.' },
    });
    assert.equal(all.statusCode, 202);
    assert.deepEqual(all.json(), { recipients: 3 });
    await jobs.drain();
    const absentMails = await mailsWith('Vous nous avez manqué — Forum des jumelages');
    assert.deepEqual(
      absentMails.map((m) => m.to),
      [away.email],
    );
    assert.match(absentMails[0]!.text, /car vous étiez inscrit·e à « Forum des jumelages »/);
    const allMails = await mailsWith('Compte rendu — Forum des jumelages');
    assert.deepEqual(
      allMails.map((m) => m.to),
      [here.email, away.email, waiting.email].sort(),
    );
    const textOf = (p: Person) => allMails.find((m) => m.to === p.email)!.text;
    assert.match(textOf(here), /car vous avez participé à « Forum des jumelages »/);
    assert.match(textOf(waiting), /car vous êtes sur la liste d’attente de « Forum des jumelages »/);
    assert.equal(received('Compte rendu — Forum des jumelages').length, 3);
  });

  it('answers the API: 202 with the count, the same call retried mails nobody twice, bad input in French', async () => {
    const event = await buildEvent(db, { title: 'Webinaire climat' });
    const person = await buildOfficer(db, organisation.id);
    await registered(event, person);
    const call = (payload: unknown, headers = staffApi, id = event.id) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/events/${id}/messages`,
        headers,
        payload: payload as object,
      });
    const message = { to: 'confirmed', subject: 'Lien de connexion', body: 'Le lien suit demain.' };

    const first = await call(message);
    assert.equal(first.statusCode, 202);
    assert.deepEqual(first.json(), { recipients: 1 });
    const retried = await call(message);
    assert.equal(retried.statusCode, 202);
    assert.deepEqual(retried.json(), { recipients: 1 });
    await jobs.drain();
    assert.equal((await mailsWith('Lien de connexion — Webinaire climat')).length, 1);
    assert.equal(received('Lien de connexion — Webinaire climat').length, 1);
    assert.equal((await messagesOf(event.id)).length, 1);

    for (const bad of [
      { ...message, subject: '' },
      { ...message, body: '   ' },
      { ...message, to: 'everyone' },
      // « absent » is the pages’ choice, not the API’s.
      { ...message, to: 'absent' },
      { subject: 'Sans destinataires', body: 'Texte' },
    ]) {
      const response = await call(bad);
      assert.equal(response.statusCode, 400, JSON.stringify(bad));
      assert.match(response.json().error.message, /contient des valeurs invalides/);
    }
    const wrongTo = await call({ ...message, to: 'everyone' });
    assert.match(
      wrongTo.json().error.fields.to,
      /Destinataires attendus : confirmed, waitlisted, present ou all/,
    );

    const lonely = await buildEvent(db, { title: 'Réunion sans inscrits' });
    const nobody = await call(message, staffApi, lonely.id);
    assert.equal(nobody.statusCode, 422);
    assert.equal(nobody.json().error.code, 'no_recipients');

    assert.ok((await cancelEvent(db, event.id, { reason: 'Intervenant absent.' }, staff.id)).ok);
    const cancelled = await call({ ...message, subject: 'Après l’annulation' });
    assert.equal(cancelled.statusCode, 422);
    assert.equal(cancelled.json().error.code, 'event_cancelled');
    assert.match(cancelled.json().error.message, /Cet événement est annulé/);

    const unknown = await call(message, staffApi, '00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.statusCode, 404);
    const officer = await call({ ...message, subject: 'Intrus' }, await bearer(db, person));
    assert.equal(officer.statusCode, 403);
    assert.equal((await messagesOf(event.id)).length, 1);
  });

  it('re-shows the form with what was typed and French errors, and writes nothing', async () => {
    const event = await buildEvent(db, { title: 'Atelier Sahel' });
    await registered(event, await buildOfficer(db, organisation.id));
    const browser = await signedIn(staff);
    await browser.get(`/gestion/evenements/${event.id}/messages`);
    const url = `/gestion/evenements/${event.id}/messages`;
    for (const path of [`${url}/apercu`, url]) {
      const refused = await browser.post(path, { subject: '', body: 'Un texte <b>gardé</b>' });
      assert.equal(refused.statusCode, 400, path);
      assert.match(refused.body, /Choisissez les destinataires\./);
      assert.match(refused.body, /Ce champ est obligatoire\./);
      assert.match(refused.body, /Un texte &lt;b>gardé&lt;\/b>/);
    }
    // Absent people exist only once the event has started.
    const early = await browser.post(url, { to: 'absent', subject: 'Trop tôt', body: 'Texte' });
    assert.equal(early.statusCode, 422);
    assert.match(early.body, /L’événement n’a pas commencé : personne n’y est encore absent\./);
    assert.deepEqual(await messagesOf(event.id), []);

    const other = await signedIn(await buildOfficer(db, organisation.id));
    const forbidden = await other.post(url, { to: 'confirmed', subject: 'Intrus', body: 'Texte' });
    assert.equal(forbidden.statusCode, 403);
    assert.equal((await other.get(url)).statusCode, 403);
    assert.deepEqual(await messagesOf(event.id), []);

    assert.ok((await cancelEvent(db, event.id, { reason: 'Reporté.' }, staff.id)).ok);
    const page = await browser.get(url);
    assert.match(page.body, /Cet événement est annulé/);
    assert.doesNotMatch(page.body, /Prévisualiser/);
    const late = await browser.post(url, { to: 'confirmed', subject: 'Après', body: 'Texte' });
    assert.equal(late.statusCode, 422);
    assert.match(late.body, /on ne peut plus écrire à ses inscrits/);
    assert.deepEqual(await messagesOf(event.id), []);
    assert.equal(
      (await browser.get('/gestion/evenements/00000000-0000-4000-8000-000000000000/messages')).statusCode,
      404,
    );
  });

  it('moves the messages a person sent to the record kept when two records of them are merged', async () => {
    const event = await buildEvent(db, { title: 'Séminaire budget' });
    await registered(event, await buildOfficer(db, organisation.id));
    const duplicate = await buildStaff(db);
    const kept = await buildStaff(db);
    const sent = await sendEventMessage(
      db,
      event.id,
      { to: 'all', subject: 'Budget', body: 'Texte' },
      duplicate.id,
      settings,
    );
    assert.ok(sent.ok);
    await db.transaction((tx) => mergeEventsPerson(tx, duplicate.id, kept.id));
    assert.deepEqual(
      (await messagesOf(event.id)).map((m) => m.sent_by),
      [kept.id],
    );
  });
});
