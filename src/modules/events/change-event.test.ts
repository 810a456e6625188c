import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildElected,
  buildEvent,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { testApp, testConfig } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { notificationSettings, reminderHandler, reminderJob } from './notifications.ts';
import { register } from './register.ts';

const settings = notificationSettings(testConfig());

describe('changing an event (PATCH /api/v1/events/:id)', async () => {
  const { app, db, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const organisation = await buildLocalGovernment(db, { member: true });
  const patch = (id: string, payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/v1/events/${id}`, headers: auth, payload });

  /** Mails written, by recipient, for subjects starting with this. */
  const mailsAbout = async (subject: string) =>
    queryRows<{ to: string; subject: string; calendar_method: string | null; text: string }>(
      db,
      sql`select "to", subject, calendar_method, text from mails where subject like ${`${subject}%`} order by "to"`,
    );
  const auditOf = async (eventId: string) =>
    queryRows<{ action: string; actor_id: string; data: Record<string, unknown> }>(
      db,
      sql`select action, actor_id, data from audit_log where entity = 'event' and entity_id = ${eventId} and action = 'change' order by id`,
    );
  const reg = async (eventId: string, personId: string) => {
    const result = await register(db, { eventId, personId, registeredBy: personId }, { settings });
    assert.ok(result.ok);
    return result.value;
  };

  it('changes the fields given, keeps the others, audits before → after and raises the sequence', async () => {
    const event = await buildEvent(db, {
      title: 'Réunion du groupe-pays Mali',
      venue: 'Paris',
      capacity: 30,
    });
    const response = await patch(event.id, { title: 'Réunion du groupe-pays Mali et Niger', capacity: 40 });
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.title, 'Réunion du groupe-pays Mali et Niger');
    assert.equal(body.capacity, 40);
    assert.equal(body.venue, 'Paris');
    assert.equal(body.startsAt, event.startsAt.toISOString());
    assert.equal(body.sequence, 1);
    assert.equal(body.status, 'scheduled');
    const [entry] = await auditOf(event.id);
    assert.equal(entry?.actor_id, staff.id);
    assert.deepEqual(entry?.data, {
      sequence: 1,
      changes: {
        title: { before: 'Réunion du groupe-pays Mali', after: 'Réunion du groupe-pays Mali et Niger' },
        capacity: { before: 30, after: 40 },
      },
    });
    const read = (
      await app.inject({ method: 'GET', url: `/api/v1/events/${event.id}`, headers: auth })
    ).json();
    assert.equal(read.title, 'Réunion du groupe-pays Mali et Niger');
  });

  it('writes nothing for a change that changes nothing', async () => {
    const event = await buildEvent(db, { venue: 'Lyon' });
    const jobsBefore = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs`))[0]!.n;
    const response = await patch(event.id, { venue: 'Lyon', startsAt: event.startsAt.toISOString() });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().sequence, 0);
    assert.deepEqual(await auditOf(event.id), []);
    assert.equal(
      (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from jobs`))[0]!.n,
      jobsBefore,
    );
  });

  it('mails each live registrant once about a new place — not for a corrected description', async () => {
    const event = await buildEvent(db, { title: 'Comité Sénégal', venue: 'Paris', capacity: 1 });
    const [confirmed, waiting, gone] = [
      await buildElected(db, organisation.id),
      await buildOfficer(db, organisation.id),
      await buildOfficer(db, organisation.id),
    ];
    await reg(event.id, confirmed.id);
    await reg(event.id, waiting.id);
    const cancelled = await reg(event.id, gone.id);
    await db.execute(sql`update registrations set status = 'cancelled' where id = ${cancelled.id}`);
    await jobs.drain();

    assert.equal((await patch(event.id, { description: 'Ordre du jour corrigé.' })).statusCode, 200);
    await jobs.drain();
    assert.deepEqual(await mailsAbout('Modification'), [], 'no mail for a description');

    const moved = await patch(event.id, { venue: 'Sénat, salle Médicis, Paris' });
    assert.equal(moved.json().sequence, 2);
    await jobs.drain();
    // The job runs again (a worker died after writing the mails, say): nobody is mailed twice.
    await db.execute(sql`update jobs set done_at = null, run_at = now() where kind = 'event.notice'`);
    await jobs.drain();
    const mails = await mailsAbout('Modification : Comité Sénégal');
    assert.deepEqual(
      mails.map((m) => [m.to, m.calendar_method]),
      [
        [confirmed.email, 'REQUEST'],
        [waiting.email, null],
      ].sort(),
    );
    for (const mail of mails) {
      assert.match(mail.text, /Ce qui change : le lieu\./);
      assert.match(mail.text, /Sénat, salle Médicis, Paris/);
    }
    assert.match(mails.find((m) => m.to === waiting.email)!.text, /Vous restez sur la liste d’attente/);
  });

  it('clears an optional field with null, and checks the whole as a new event, field by field', async () => {
    const event = await buildEvent(db, {
      format: 'hybrid',
      venue: 'Limoges',
      onlineUrl: 'https://visio.example.org/limoges',
    });
    const refusals: [object, string][] = [
      [{ format: 'in_person' }, 'onlineUrl'],
      [{ endsAt: new Date(event.startsAt.getTime() - 60_000).toISOString() }, 'endsAt'],
      [{ title: '' }, 'title'],
      [{ title: null }, 'title'],
      [{ capacity: -3 }, 'capacity'],
      [{ startsAt: 'demain' }, 'startsAt'],
      [{ kind: 'fête' }, 'kind'],
    ];
    for (const [payload, field] of refusals) {
      const response = await patch(event.id, payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      const { error } = response.json();
      assert.ok(error.fields?.[field], `${JSON.stringify(payload)} → ${JSON.stringify(error)}`);
      assert.doesNotMatch(error.fields[field], /expected|invalid input/i, 'in French');
    }
    assert.deepEqual(await auditOf(event.id), [], 'nothing was changed');
    const inPerson = await patch(event.id, { format: 'in_person', onlineUrl: null });
    assert.equal(inPerson.statusCode, 200, inPerson.body);
    assert.equal(inPerson.json().format, 'in_person');
    assert.equal(inPerson.json().onlineUrl, null);
    const noVenue = await patch(event.id, { venue: '' });
    assert.equal(noVenue.json().venue, null);
  });

  it('replaces organisers and partners, and refuses an unknown one without changing anything', async () => {
    const [a, b] = [await buildInstitution(db), await buildInstitution(db)];
    const event = await buildEvent(db, { organiserIds: [a.id] });
    const unknown = await patch(event.id, {
      organiserIds: [b.id],
      partnerIds: ['00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().error.code, 'unknown_organisation');
    assert.equal(
      unknown.json().error.message,
      'Une organisation organisatrice ou partenaire est introuvable.',
    );
    assert.deepEqual(await auditOf(event.id), []);
    assert.equal((await patch(event.id, { organiserIds: [b.id], partnerIds: [a.id] })).statusCode, 200);
    const links = await queryRows<{ organisation_id: string; role: string }>(
      db,
      sql`select organisation_id, role from event_organisations where event_id = ${event.id} order by role`,
    );
    assert.deepEqual(links, [
      { organisation_id: b.id, role: 'organiser' },
      { organisation_id: a.id, role: 'partner' },
    ]);
  });

  it('confirms people waiting when the capacity grows, and tells them', async () => {
    const event = await buildEvent(db, { title: 'Atelier complet', capacity: 1 });
    const first = await buildOfficer(db, organisation.id);
    const second = await buildOfficer(db, organisation.id);
    await reg(event.id, first.id);
    const waiting = await reg(event.id, second.id);
    assert.equal(waiting.status, 'waitlisted');
    assert.equal((await patch(event.id, { capacity: 2 })).json().seatsLeft, 0);
    const [row] = await queryRows<{ status: string }>(
      db,
      sql`select status from registrations where id = ${waiting.id}`,
    );
    assert.equal(row?.status, 'confirmed');
    const promoted = await mailsAbout('Une place s’est libérée : Atelier complet');
    assert.deepEqual(
      promoted.map((m) => [m.to, m.calendar_method]),
      [[second.email, 'REQUEST']],
    );
  });

  it('moves the reminders with the date: those queued for the old date send nothing, new ones are queued', async () => {
    const event = await buildEvent(db, { title: 'Rappel déplacé', format: 'online' }, 5);
    const person = await buildElected(db, organisation.id);
    const registration = await reg(event.id, person.id);
    const later = new Date(event.startsAt.getTime() + 86_400_000);
    const response = await patch(event.id, {
      startsAt: later.toISOString(),
      endsAt: new Date(later.getTime() + 3_600_000).toISOString(),
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().previousStartsAt, event.startsAt.toISOString());
    const queued = await queryRows<{ payload: { notice: string; startsAt: string } }>(
      db,
      sql`select payload from jobs where kind = ${reminderJob} and payload->>'registrationId' = ${registration.id} order by id`,
    );
    assert.deepEqual(
      queued.map((j) => [j.payload.notice, j.payload.startsAt]),
      [
        ['reminder', event.startsAt.toISOString()],
        ['link', event.startsAt.toISOString()],
        ['reminder', later.toISOString()],
        ['link', later.toISOString()],
      ],
    );
    const handler = reminderHandler(db, settings);
    for (const job of queued)
      await handler({ registrationId: registration.id, ...job.payload }, { id: 0, attempts: 1 });
    const reminders = await queryRows<{ key: string }>(
      db,
      sql`select dedupe_key as key from mails where dedupe_key like ${`registration:${registration.id}:%`} and dedupe_key not like '%:confirmed:%' order by dedupe_key`,
    );
    assert.deepEqual(
      reminders.map((r) => r.key),
      [
        `registration:${registration.id}:link:${later.toISOString()}`,
        `registration:${registration.id}:reminder:${later.toISOString()}`,
      ],
    );
  });

  it('is in the API document, and its answers and the cancellation’s match their documented schemas', async () => {
    const served = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // The error answers name a shared schema ($ref): resolved by swagger-parser, not by us.
    // biome-ignore lint/suspicious/noExplicitAny: the document is read as JSON
    const doc = (await SwaggerParser.dereference(served)) as any;
    const change = doc.paths['/api/v1/events/{id}'].patch;
    const cancel = doc.paths['/api/v1/events/{id}/cancel'].post;
    // Their own answers, and those buildOpenApi adds to every route that takes a body and a path parameter.
    const common = ['401', '413', '414', '415', '429', '503'];
    assert.deepEqual(
      Object.keys(change.responses).sort(),
      [...common, '200', '400', '403', '404', '422'].sort(),
    );
    assert.deepEqual(
      Object.keys(cancel.responses).sort(),
      [...common, '200', '400', '403', '404', '409', '422'].sort(),
    );
    const fields = change.requestBody.content['application/json'].schema.properties;
    assert.ok(
      fields.startsAt && fields.venue && fields.onlineUrl && fields.organiserIds,
      Object.keys(fields).join(),
    );
    assert.deepEqual(cancel.requestBody.content['application/json'].schema.required, ['reason']);
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const check = (schema: object, body: unknown) =>
      assert.ok(ajv.validate(schema, body), JSON.stringify(ajv.errors));
    const event = await buildEvent(db, { capacity: 12 });
    const changed = await patch(event.id, { capacity: 15 });
    check(change.responses['200'].content['application/json'].schema, changed.json());
    check(
      change.responses['400'].content['application/json'].schema,
      (await patch(event.id, { capacity: 'x' })).json(),
    );
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/cancel`,
      headers: auth,
      payload: { reason: 'Intempéries' },
    });
    check(cancel.responses['200'].content['application/json'].schema, cancelled.json());
    check(
      change.responses['422'].content['application/json'].schema,
      (await patch(event.id, { capacity: 3 })).json(),
    );
  });

  it('answers 404 for an unknown event and 422 event_cancelled for a cancelled one', async () => {
    const unknown = await patch('00000000-0000-4000-8000-000000000000', { title: 'x' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.message, 'Cet événement n’existe pas.');
    const event = await buildEvent(db);
    await app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/cancel`,
      headers: auth,
      payload: { reason: 'Intempéries' },
    });
    const refused = await patch(event.id, { title: 'Trop tard' });
    assert.equal(refused.statusCode, 422);
    assert.equal(refused.json().error.code, 'event_cancelled');
    assert.equal(refused.json().error.message, 'Cet événement est annulé : il ne peut plus être modifié.');
  });
});
