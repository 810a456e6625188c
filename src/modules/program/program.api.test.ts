import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { schemaErrors, verifyOpenBadgeJwt } from '../../../tests/ob3.ts';
import { recordAttendance } from '../events/check-in.ts';

describe('the « Diplomates des territoires » API', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const member = await buildLocalGovernment(db, { member: true });
  const lapsed = await buildLocalGovernment(db, { member: false });
  const call = (
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
    headers: Record<string, string> = auth,
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  // An edition of 12 sessions, all past, the first two mandatory, the last cohort-only.
  const program = (
    await call('POST', '/api/v1/programs', { title: 'Promotion 2026-2027', minSessions: 5 })
  ).json();
  const sessions: Awaited<ReturnType<typeof buildEvent>>[] = [];
  for (let i = 0; i < 12; i++) {
    const event = await buildEvent(db, { title: `Séance ${i + 1}`, audience: 'members' }, -60 + i);
    const added = await call('POST', `/api/v1/programs/${program.id}/sessions`, {
      eventId: event.id,
      mandatory: i < 2,
      cohortOnly: i === 11,
    });
    assert.equal(added.statusCode, 201);
    sessions.push(event);
  }

  async function participant(attended: number[]) {
    const elected = await buildElected(db, member.id);
    const applied = await call('POST', `/api/v1/programs/${program.id}/applications`, {
      personId: elected.id,
      motivation: 'Nouvelle élue',
    });
    assert.equal(applied.statusCode, 201);
    assert.equal(applied.json().status, 'submitted');
    const decided = await call('POST', `/api/v1/applications/${applied.json().id}/decision`, {
      decision: 'accepted',
      comment: 'Bienvenue',
    });
    assert.equal(decided.statusCode, 200);
    for (const i of attended) {
      await recordAttendance(db, {
        eventId: sessions[i]!.id,
        personId: elected.id,
        source: 'check_in',
        recordedBy: null,
      });
    }
    return elected;
  }

  it('refuses an officer and an élu of a non-member local government with not_eligible', async () => {
    const officer = await buildOfficer(db, member.id);
    const refused = await call('POST', `/api/v1/programs/${program.id}/applications`, {
      personId: officer.id,
    });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'not_eligible');
    assert.match(refused.json().error.message, /réservé aux élus des collectivités adhérentes/);
    const outsider = await buildElected(db, lapsed.id);
    assert.equal(
      (await call('POST', `/api/v1/programs/${program.id}/applications`, { personId: outsider.id }))
        .statusCode,
      403,
    );
  });

  it('takes one application per person and edition', async () => {
    const elected = await buildElected(db, member.id);
    assert.equal(
      (await call('POST', `/api/v1/programs/${program.id}/applications`, { personId: elected.id }))
        .statusCode,
      201,
    );
    assert.equal(
      (await call('POST', `/api/v1/programs/${program.id}/applications`, { personId: elected.id }))
        .statusCode,
      409,
    );
  });

  it('counts attendance against the rule: 5 with one mandatory is not enough, 4 + 2 mandatory is', async () => {
    const short = await participant([0, 2, 3, 4, 5]);
    const done = await participant([0, 1, 2, 3, 4, 5]);
    const a = (await call('GET', `/api/v1/programs/${program.id}/participants/${short.id}`)).json();
    assert.deepEqual(a, {
      attended: 5,
      mandatoryAttended: 1,
      mandatoryTotal: 2,
      minSessions: 5,
      eligible: false,
      // Every session is over and a mandatory one was missed: not « at risk », out of reach (issue 10).
      standing: 'out_of_reach',
      certified: false,
      left: 0,
    });
    const b = (await call('GET', `/api/v1/programs/${program.id}/participants/${done.id}`)).json();
    assert.equal(b.eligible, true);
    assert.equal(b.standing, 'eligible');
    assert.equal(b.certified, false, '« certifié·e » only once a certificate exists');
    const own = await call(
      'GET',
      `/api/v1/programs/${program.id}/participants/${done.id}`,
      undefined,
      await bearer(db, short),
    );
    assert.equal(own.statusCode, 403);
  });

  it('refuses a person outside the cohort for a cohort-only session with code audience', async () => {
    const officer = await buildOfficer(db, member.id);
    const future = await buildEvent(db, { title: 'Séance réservée' }, 20);
    assert.equal(
      (
        await call('POST', `/api/v1/programs/${program.id}/sessions`, {
          eventId: future.id,
          cohortOnly: true,
        })
      ).statusCode,
      201,
    );
    const refused = await call('POST', `/api/v1/events/${future.id}/registrations`, { personId: officer.id });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'audience');
    assert.match(refused.json().error.message, /réservée à la promotion/);
    const member2 = await participant([]);
    assert.equal(
      (await call('POST', `/api/v1/events/${future.id}/registrations`, { personId: member2.id })).statusCode,
      201,
    );
  });

  it('issues certificates once, verifiable publicly, with a PDF and a signed Open Badges 3.0 credential', async () => {
    const certified = await participant([0, 1, 6, 7, 8]);
    // The edition has no ceremony day and a session to come (the cohort-only one above): it is early.
    const early = await call('POST', `/api/v1/programs/${program.id}/certificates`);
    assert.equal(early.statusCode, 422);
    assert.equal(early.json().error.code, 'early');
    assert.match(early.json().error.message, /^C’est en avance : aucune date de remise des certificats/);
    assert.match(early.json().error.message, /renvoyez la demande avec \{"early": true\}/);
    assert.equal(
      (await call('GET', `/api/v1/programs/${program.id}/participants/${certified.id}`)).json().certified,
      false,
      'nothing issued',
    );
    const first = await call('POST', `/api/v1/programs/${program.id}/certificates`, { early: true });
    assert.equal(first.statusCode, 201);
    const mine = first.json().find((c: { personId: string }) => c.personId === certified.id);
    assert.match(mine.code, /^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    const second = await call('POST', `/api/v1/programs/${program.id}/certificates`, { early: true });
    assert.deepEqual(second.json(), []);
    assert.equal(
      (await call('GET', `/api/v1/programs/${program.id}/participants/${certified.id}`)).json().certified,
      true,
    );

    const verified = await app.inject({ method: 'GET', url: `/api/v1/certificates/${mine.code}` });
    assert.equal(verified.statusCode, 200);
    assert.deepEqual(Object.keys(verified.json()).sort(), [
      'erased',
      'holder',
      'issuedOn',
      'program',
      'title',
      'valid',
    ]);
    assert.equal(verified.json().valid, true);
    assert.equal(verified.json().holder, `${certified.firstName} ${certified.lastName}`);

    const pdf = await call(
      'GET',
      `/api/v1/certificates/${mine.code}/pdf`,
      undefined,
      await bearer(db, certified),
    );
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')));
    assert.ok(pdf.rawPayload.includes(Buffer.from('/FontFile2')), 'fonts are embedded');
    const stranger = await buildElected(db, member.id);
    assert.equal(
      (await call('GET', `/api/v1/certificates/${mine.code}/pdf`, undefined, await bearer(db, stranger)))
        .statusCode,
      403,
    );

    const json = await app.inject({ method: 'GET', url: `/certificats/${mine.code}/credential.json` });
    assert.equal(json.statusCode, 200);
    const credential = json.json();
    assert.equal(schemaErrors(credential), undefined, schemaErrors(credential));
    assert.equal(JSON.stringify(credential).includes(certified.email), false, 'no email in clear');

    // The token, verified as OB 3.0 §8.2 says (more in credential.test.ts), carries the same credential.
    const jwt = await app.inject({ method: 'GET', url: `/certificats/${mine.code}/credential.jwt` });
    const token = await verifyOpenBadgeJwt(jwt.body, async (uri) =>
      (await app.inject({ method: 'GET', url: new URL(uri).pathname })).json(),
    );
    assert.equal(token.header.alg, 'EdDSA');
    assert.deepEqual(token.credential, credential);
  });

  it('answers 404 in French for an unknown certificate code and 400 for a malformed one', async () => {
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/certificates/AAAA-BBBB-CCCC-DDDD-EEEE-FFFF',
    });
    assert.equal(unknown.statusCode, 404);
    assert.match(unknown.json().error.message, /Aucun certificat/);
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/certificates/<script>' })).statusCode, 400);
  });
});
