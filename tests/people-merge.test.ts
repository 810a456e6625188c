// Merging two records of one person, across every module (issue 10): through POST /api/v1/people/:id/merge,
// the first record's registrations, attendance, invitations, mandates, applications, opinions, certificates
// and history become the second's, the first is gone; where both hold a row that must be unique, the more
// advanced one is kept. Each module's part lives in its folder (`person-merge.ts`); this file checks them
// together on a real database, which is why it sits outside any module.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { giveOpinion } from '../src/modules/applications/opinions.ts';
import { renewCalendarFeed } from '../src/modules/events/calendar-feeds.ts';
import { recordAttendance } from '../src/modules/events/check-in.ts';
import { invite } from '../src/modules/events/events.ts';
import { notificationSettings } from '../src/modules/events/notifications.ts';
import { register } from '../src/modules/events/register.ts';
import { linkOidcSubject } from '../src/modules/organisations/people.ts';
import { applyToProgram, decideApplication } from '../src/modules/program/applications.ts';
import { issueCertificates } from '../src/modules/program/certificates.ts';
import { addSession, createProgram } from '../src/modules/program/programs.ts';
import { queryRows } from '../src/platform/db/client.ts';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildStaff,
  sessionCookie,
} from './factories.ts';
import { testApp, testConfig } from './helpers.ts';
import { expectOk, signing } from './proof/world.ts';

const baseUrl = 'http://localhost:3000';
const settings = notificationSettings(testConfig());

describe('merging two records of one person, in every module', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const angers = await buildLocalGovernment(db);
  const merge = (id: string, intoId: string, headers = auth) =>
    app.inject({ method: 'POST', url: `/api/v1/people/${id}/merge`, payload: { intoId }, headers });
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db, query);

  it('moves everything to the record kept, keeps the more advanced of two unique rows, and deletes the other record', async () => {
    const duplicate = await buildElected(db, angers.id, 'adjointe au maire déléguée aux jumelages');
    const kept = await buildElected(db, angers.id);
    await db.execute(sql`update people set civility = 'madame' where id = ${duplicate.id}`);
    await linkOidcSubject(db, duplicate.id, 'proconnect-sub-1');
    const reg = (eventId: string, personId: string) =>
      register(db, { eventId, personId, registeredBy: personId }, { settings }).then(expectOk);

    // Agenda. One seat each: whoever registers first is confirmed, the other waits.
    const both = await buildEvent(db, { capacity: 1 });
    const duplicateFirst = await reg(both.id, duplicate.id);
    const keptWaiting = await reg(both.id, kept.id);
    const other = await buildEvent(db, { capacity: 1 });
    const keptFirst = await reg(other.id, kept.id);
    const duplicateWaiting = await reg(other.id, duplicate.id);
    const onlyDuplicate = await buildEvent(db);
    const alone = await reg(onlyDuplicate.id, duplicate.id);
    const past = await buildEvent(db, { audience: 'members' }, -10);
    await recordAttendance(db, {
      eventId: past.id,
      personId: duplicate.id,
      source: 'check_in',
      recordedBy: staff.id,
    });
    await recordAttendance(db, {
      eventId: past.id,
      personId: kept.id,
      source: 'import',
      minutes: 45,
      recordedBy: staff.id,
    });
    const restricted = await buildEvent(db, { audience: 'restricted' });
    await invite(db, restricted.id, [duplicate.id], null);
    await renewCalendarFeed(db, duplicate.id);

    // The path: both applied to one edition (the duplicate's accepted, with a certificate); the duplicate
    // alone to another.
    const edition = expectOk(
      await createProgram(db, { title: 'Promotion 2026-2027', minSessions: 1 }, staff.id),
    );
    expectOk(await addSession(db, edition.id, { eventId: past.id, mandatory: true }, staff.id));
    const accepted = expectOk(await applyToProgram(db, edition.id, { personId: duplicate.id }, duplicate.id));
    expectOk(
      await db.transaction((tx) =>
        decideApplication(tx, accepted.id, { decision: 'accepted' }, staff.id, baseUrl),
      ),
    );
    const submitted = expectOk(await applyToProgram(db, edition.id, { personId: kept.id }, kept.id));
    // A reviewer's opinion on the application that will lose follows it to the one kept.
    const reviewer = await buildStaff(db);
    expectOk(
      await giveOpinion(
        db,
        { scope: 'program' },
        submitted.id,
        { opinion: 'favourable', score: 15 },
        reviewer.id,
      ),
    );
    const [certificate] = expectOk(
      await issueCertificates(db, edition.id, staff.id, signing, { early: true }),
    );
    assert.equal(certificate!.personId, duplicate.id);
    const another = expectOk(
      await createProgram(db, { title: 'Promotion 2027-2028', minSessions: 1 }, staff.id),
    );
    const elsewhere = expectOk(
      await applyToProgram(db, another.id, { personId: duplicate.id }, duplicate.id),
    );

    const duplicateSession = (await sessionCookie(db, duplicate)).split('=')[1]!;
    const duplicateToken = await bearer(db, duplicate);

    // The preview says what will move, before anything does.
    const preview = await app.inject({
      url: `/gestion/personnes/${duplicate.id}/fusionner?vers=${kept.id}`,
      headers: { cookie: await sessionCookie(db, staff) },
    });
    assert.equal(preview.statusCode, 200);
    for (const line of [
      'Inscriptions à des événements \\(annulées comprises\\)\u00a0: 3',
      'Présences à des événements\u00a0: 1',
      'Invitations à des événements\u00a0: 1',
      'Mandats\u00a0: 1',
      'Candidatures\u00a0: 2',
      'Certificats du parcours\u00a0: 1',
      'Jetons d’API \\(révoqués par la fusion\\)\u00a0: 1',
    ])
      assert.match(preview.body, new RegExp(line), line);

    const response = await merge(duplicate.id, kept.id);
    assert.equal(response.statusCode, 200);
    assert.equal(response.json().id, kept.id);
    assert.equal(response.json().civility, 'madame', 'the kept record takes what it lacked');
    assert.deepEqual(
      response
        .json()
        .mandates.map((m: { title: string }) => m.title)
        .sort(),
      [
        'adjointe au maire déléguée aux jumelages',
        'adjointe au maire déléguée aux relations internationales',
      ],
    );

    // The duplicate is gone, and nothing points at it any more.
    assert.deepEqual(await rows(sql`select id from people where id = ${duplicate.id}`), []);
    const [oidc] = await rows<{ oidc_sub: string }>(sql`select oidc_sub from people where id = ${kept.id}`);
    assert.equal(oidc!.oidc_sub, 'proconnect-sub-1');

    // Registrations: the confirmed one wins on each event; the loser is cancelled, not lost.
    const registrationRows = await rows<{ id: string; person_id: string; status: string }>(
      sql`select id, person_id, status from registrations where id in
        (${duplicateFirst.id}, ${keptWaiting.id}, ${keptFirst.id}, ${duplicateWaiting.id}, ${alone.id})`,
    );
    const status = Object.fromEntries(registrationRows.map((r) => [r.id, [r.person_id, r.status]]));
    assert.deepEqual(status[duplicateFirst.id], [kept.id, 'confirmed']);
    assert.deepEqual(status[keptWaiting.id], [kept.id, 'cancelled']);
    assert.deepEqual(status[keptFirst.id], [kept.id, 'confirmed']);
    assert.deepEqual(status[duplicateWaiting.id], [kept.id, 'cancelled']);
    assert.deepEqual(status[alone.id], [kept.id, 'confirmed']);

    // Attendance: the in-person check-in wins over 45 minutes online.
    const presence = await rows<{ source: string; minutes: number | null }>(
      sql`select source, minutes from attendance where event_id = ${past.id}`,
    );
    assert.deepEqual(presence, [{ source: 'check_in', minutes: null }]);
    const [invited] = await rows<{ person_id: string }>(
      sql`select person_id from event_invitations where event_id = ${restricted.id}`,
    );
    assert.equal(invited!.person_id, kept.id);
    const [feed] = await rows<{ person_id: string }>(sql`select person_id from calendar_feeds`);
    assert.equal(feed!.person_id, kept.id);

    // Applications: the accepted one wins over the submitted one; the other edition's moves.
    const applicationRows = await rows<{ id: string; person_id: string; status: string }>(
      sql`select id, person_id, status from applications order by created_at`,
    );
    assert.deepEqual(
      applicationRows.map((a) => [a.id, a.person_id, a.status]),
      [
        [accepted.id, kept.id, 'accepted'],
        [elsewhere.id, kept.id, 'submitted'],
      ],
    );
    assert.ok(!applicationRows.some((a) => a.id === submitted.id));
    const [opinion] = await rows<{ application_id: string; score: number }>(
      sql`select application_id, score from application_reviews where reviewer_id = ${reviewer.id}`,
    );
    assert.deepEqual(opinion, { application_id: accepted.id, score: 15 });
    // Both were affiliated to Angers since their creation: one affiliation remains, still open.
    const affiliations = await rows<{ ends_on: string | null }>(
      sql`select ends_on from affiliations where person_id = ${kept.id}`,
    );
    assert.deepEqual(affiliations, [{ ends_on: null }]);
    const [cert] = await rows<{ person_id: string }>(
      sql`select person_id from certificates where code = ${certificate!.code}`,
    );
    assert.equal(cert!.person_id, kept.id);

    // The duplicate's browser is signed out and its API token revoked: neither becomes the kept record's.
    const page = await app.inject({
      url: '/mon-espace',
      headers: { cookie: `coopdec_session=${duplicateSession}` },
    });
    assert.equal(page.statusCode, 303);
    const api = await app.inject({ url: `/api/v1/people/${kept.id}`, headers: duplicateToken });
    assert.equal(api.statusCode, 401);

    const [entry] = await rows<{ data: { from: string; moved: Record<string, number> } }>(
      sql`select data from audit_log where action = 'merge' and entity_id = ${kept.id}`,
    );
    assert.equal(entry!.data.from, duplicate.id);
    assert.equal(entry!.data.moved['events.registrations'], 3);
    assert.equal(entry!.data.moved['program.certificates'], 1);
  });

  it('keeps the valid certificate when both records hold one of the same edition', async () => {
    const first = await buildElected(db, angers.id);
    const second = await buildElected(db, angers.id);
    const session = await buildEvent(db, { audience: 'members' }, -5);
    const edition = expectOk(
      await createProgram(db, { title: 'Promotion double', minSessions: 1 }, staff.id),
    );
    expectOk(await addSession(db, edition.id, { eventId: session.id, mandatory: true }, staff.id));
    for (const person of [first, second]) {
      const application = expectOk(await applyToProgram(db, edition.id, { personId: person.id }, person.id));
      expectOk(
        await db.transaction((tx) =>
          decideApplication(tx, application.id, { decision: 'accepted' }, staff.id, baseUrl),
        ),
      );
      await recordAttendance(db, {
        eventId: session.id,
        personId: person.id,
        source: 'check_in',
        recordedBy: null,
      });
    }
    const issued = expectOk(await issueCertificates(db, edition.id, staff.id, signing, { early: true }));
    const codeOf = (id: string) => issued.find((c) => c.personId === id)!.code;
    await db.execute(sql`update certificates set revoked_at = now() where code = ${codeOf(second.id)}`);
    assert.equal((await merge(first.id, second.id)).statusCode, 200);
    const left = await rows<{ code: string; revoked: boolean }>(
      sql`select code, revoked_at is not null as revoked from certificates where program_id = ${edition.id}`,
    );
    assert.deepEqual(left, [{ code: codeOf(first.id), revoked: false }]);
  });

  it('refuses the same record twice, an unknown record to keep, one’s own record, and a second click', async () => {
    const a = await buildElected(db, angers.id);
    const b = await buildElected(db, angers.id);
    const same = await merge(a.id, a.id);
    assert.equal(same.statusCode, 422);
    assert.equal(same.json().error.code, 'same_person');
    const unknown = await merge(a.id, '00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.statusCode, 422);
    assert.equal(unknown.json().error.code, 'unknown_person');
    const self = await merge(staff.id, b.id);
    assert.equal(self.statusCode, 422);
    assert.equal(self.json().error.code, 'merge_self');
    assert.equal((await merge(a.id, b.id)).statusCode, 200);
    const again = await merge(a.id, b.id);
    assert.equal(again.statusCode, 404);
    const notStaff = await merge(b.id, staff.id, await bearer(db, b));
    assert.equal(notStaff.statusCode, 403);
  });
});
