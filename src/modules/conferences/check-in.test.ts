// Check-in at the Rencontres: phones scanning badges at the entrance and at workshop doors, sending their
// queue late and sometimes twice; each person counted once, each repeated scan told the time of the first.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildEvent, buildLocalGovernment, buildOfficer, buildStaff } from '../../../tests/factories.ts';
import { engine, testApp, testConfig } from '../../../tests/helpers.ts';
import { expectOk } from '../../../tests/proof/world.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisDate, parisTime } from '../../platform/time.ts';
import { cancelRegistration } from '../events/cancel-registration.ts';
import { checkInToken } from '../events/check-in.ts';
import { notificationSettings } from '../events/notifications.ts';
import { register } from '../events/register.ts';
import { presentCount, recordScans, type ScanInput, type ScanResult } from './check-in.ts';
import { chooseSession } from './choices.ts';
import { addRoom, createConference, saveSession } from './conferences.ts';
import { registerToConference } from './registrations.ts';

const settings = notificationSettings(testConfig());
const dayIn = (days: number) => parisDate(new Date(Date.now() + days * 86_400_000));
/** Scans are made before they are sent: yesterday, by the phones' clocks. */
const yesterday = dayIn(-1);
const at = (time: string) => parisTime(yesterday, time);

describe(`check-in at the Rencontres (${engine})`, async () => {
  // The whole app, for the secrets key it installs at start (the QR codes' mac).
  const { db } = await testApp({ after });
  const staff = await buildStaff(db);
  const member = await buildLocalGovernment(db, { member: true });

  /** An edition in a month, open for registrations, with a workshop of `seats` seats and a plenary. */
  async function edition(options: { capacity?: number; seats?: number } = {}) {
    const day = dayIn(30);
    const conference = expectOk(
      await createConference(
        db,
        {
          title: `Rencontres ${randomUUID().slice(0, 8)}`,
          startsOn: day,
          endsOn: dayIn(31),
          venue: 'Salons de l’Hôtel des Arts & Métiers, Paris',
          registrationOpensAt: '2020-01-01',
          ...(options.capacity ? { capacity: options.capacity } : {}),
        },
        staff.id,
      ),
    );
    const room = expectOk(
      await addRoom(db, conference.id, { name: 'Salle 2', capacity: options.seats ?? 40 }, staff.id),
    );
    const amphi = expectOk(
      await addRoom(db, conference.id, { name: 'Amphithéâtre', capacity: 400 }, staff.id),
    );
    const session = (kind: string, title: string, roomId: string, from: string, to: string) =>
      saveSession(
        db,
        conference.id,
        {
          kind,
          title,
          roomId,
          startsAt: parisTime(day, from).toISOString(),
          endsAt: parisTime(day, to).toISOString(),
        },
        staff.id,
      ).then(expectOk);
    return {
      conference,
      workshop: await session('workshop', 'Coopération et climat', room.id, '10:00', '11:30'),
      other: await session('workshop', 'Jeunesse et mobilité', amphi.id, '10:00', '11:30'),
      plenary: await session('plenary', 'Plénière d’ouverture', amphi.id, '09:00', '10:00'),
    };
  }

  /** A person of a member local government registered by staff; their code, as the QR code holds it. */
  async function registered(conferenceId: string) {
    const person = await buildOfficer(db, member.id);
    const registration = expectOk(
      await registerToConference(
        db,
        conferenceId,
        { personId: person.id, category: 'member_local_government' },
        { settings, actorId: staff.id, staff: true, actFor: () => true },
      ),
    );
    return {
      person,
      registrationId: registration.registrationId,
      status: registration.status,
      code: checkInToken(registration.registrationId),
    };
  }

  const scanOf = (code: string, time: string, sessionId?: string, extra: Partial<ScanInput> = {}) => ({
    nonce: randomUUID(),
    code,
    scannedAt: at(time),
    ...(sessionId ? { sessionId } : {}),
    ...extra,
  });
  /** One phone sending its batch. */
  const send = async (conferenceId: string, ...scans: ScanInput[]) =>
    expectOk(await recordScans(db, conferenceId, scans, staff.id));
  const one = async (conferenceId: string, scan: ScanInput) => (await send(conferenceId, scan))[0]!;

  const counts = async (eventId: string, conferenceId: string, personId: string) => {
    const [row] = await queryRows<{ attendance: number; scans: number; audit: number }>(
      db,
      sql`select (select count(*)::int from attendance where event_id = ${eventId} and person_id = ${personId}) as attendance,
                 (select count(*)::int from conference_scans where conference_id = ${conferenceId}) as scans,
                 (select count(*)::int from audit_log) as audit`,
    );
    return row!;
  };
  const presentAt = async (registrationId: string, sessionId: string) => {
    const [row] = await queryRows<{ present_at: Date | string | null }>(
      db,
      sql`select present_at from conference_choices where registration_id = ${registrationId} and session_id = ${sessionId} and status <> 'cancelled'`,
    );
    return row?.present_at ? new Date(row.present_at) : null;
  };

  it('welcomes a person at the entrance, and tells a second phone the time of the first scan: counted once', async () => {
    const { conference } = await edition();
    const { person, code } = await registered(conference.id);
    const first = await one(conference.id, scanOf(code, '09:12'));
    assert.equal(first.outcome, 'welcome');
    assert.equal(first.message, 'Bienvenue');
    assert.equal(first.person?.name, `Camille ${person.lastName}`);
    assert.equal(first.person?.organisation, member.name);
    assert.equal(first.person?.category, 'Collectivité adhérente');

    // The second phone: its own nonce, a little later. The QR code holds the agenda's address, read as is.
    const second = await one(
      conference.id,
      scanOf(`https://rencontres.example.org/emargement/${code}`, '09:30'),
    );
    assert.equal(second.outcome, 'already');
    assert.equal(second.message, 'Déjà enregistré·e à 9 h 12');
    assert.equal(second.firstAt?.getTime(), at('09:12').getTime());
    const after = await counts(conference.eventId, conference.id, person.id);
    assert.equal(after.attendance, 1, 'present once at the agenda’s event');
    assert.equal(after.scans, 2, 'both passages are kept');
    assert.equal(await presentCount(db, conference.id), 1);
  });

  it('dates the first passage by the phones’ clocks: a scan sent late, made earlier, is the first', async () => {
    const { conference } = await edition();
    const { code } = await registered(conference.id);
    // Phone A scans at 9 h 05 offline; phone B scans at 9 h 12 online and is received first.
    const offline = scanOf(code, '09:05');
    assert.equal((await one(conference.id, scanOf(code, '09:12'))).outcome, 'welcome');
    const late = await one(conference.id, offline);
    assert.equal(late.outcome, 'already');
    assert.equal(late.message, 'Déjà enregistré·e à 9 h 12', 'recorded by B before A’s queue came');
    // Anyone scanning afterwards is told the earliest passage, 9 h 05.
    assert.equal((await one(conference.id, scanOf(code, '09:40'))).message, 'Déjà enregistré·e à 9 h 05');
  });

  it('records nothing for a scan sent again (a phone replaying its queue), and answers as the first time', async () => {
    const { conference } = await edition();
    const { person, code } = await registered(conference.id);
    const a = scanOf(code, '09:12');
    const b = scanOf(code, '09:20');
    const firstTime = await send(conference.id, a, b);
    assert.deepEqual(
      firstTime.map((r) => r.outcome),
      ['welcome', 'already'],
    );
    const before = await counts(conference.eventId, conference.id, person.id);
    // The answer was lost on the way: the phone sends its queue again, and once more, within one batch.
    const again = await send(conference.id, b, a, a);
    assert.deepEqual(again, [firstTime[1], firstTime[0], firstTime[0]]);
    assert.deepEqual(await counts(conference.eventId, conference.id, person.id), before, 'nothing written');
  });

  it('sets the presence at a workshop’s door, and counts the person present at the edition', async () => {
    const { conference, workshop } = await edition();
    const { person, registrationId, code } = await registered(conference.id);
    expectOk(await chooseSession(db, registrationId, workshop.id, { actFor: () => true, staff: true }));
    assert.equal(await presentAt(registrationId, workshop.id), null);

    // A first phone's scan at 10 h 02 arrives after a second phone's at 10 h 04: the earliest is kept.
    const early = scanOf(code, '10:02', workshop.id);
    assert.equal((await one(conference.id, scanOf(code, '10:04', workshop.id))).outcome, 'welcome');
    assert.equal((await presentAt(registrationId, workshop.id))?.getTime(), at('10:04').getTime());
    assert.equal((await one(conference.id, early)).message, 'Déjà enregistré·e à 10 h 04');
    assert.equal((await presentAt(registrationId, workshop.id))?.getTime(), at('10:02').getTime());

    assert.equal((await counts(conference.eventId, conference.id, person.id)).attendance, 1);
    assert.equal(await presentCount(db, conference.id, workshop.id), 1);
    // At the entrance afterwards (a badge scanned on the way out, say): already there since the door.
    assert.equal((await one(conference.id, scanOf(code, '11:00'))).message, 'Déjà enregistré·e à 10 h 02');
    assert.equal(await presentCount(db, conference.id), 1);
  });

  it('tells the door who did not choose the workshop, records nothing, and lets them in when staff say so', async () => {
    const { conference, workshop, other, plenary } = await edition({ seats: 1 });
    const { person, registrationId, code } = await registered(conference.id);
    const before = await counts(conference.eventId, conference.id, person.id);
    const wrong = await one(conference.id, scanOf(code, '10:01', workshop.id));
    assert.equal(wrong.outcome, 'refused');
    assert.equal(wrong.code, 'not_chosen');
    assert.equal(wrong.canLetIn, true);
    assert.match(wrong.message, /n’a pas choisi « Coopération et climat »/);
    assert.deepEqual(await counts(conference.eventId, conference.id, person.id), before, 'nothing recorded');

    const letIn = await one(conference.id, scanOf(code, '10:02', workshop.id, { letIn: true }));
    assert.equal(letIn.outcome, 'welcome');
    assert.equal((await counts(conference.eventId, conference.id, person.id)).attendance, 1);
    assert.equal(await presentCount(db, conference.id, workshop.id), 1);

    // Waiting for a seat of a full workshop: said so.
    const first = await registered(conference.id);
    const waiting = await registered(conference.id);
    for (const r of [first, waiting])
      expectOk(await chooseSession(db, r.registrationId, workshop.id, { actFor: () => true, staff: true }));
    const told = await one(conference.id, scanOf(waiting.code, '10:03', workshop.id));
    assert.equal(told.code, 'choice_waitlisted');
    assert.match(told.message, /est sur la liste d’attente de « Coopération et climat »/);
    assert.equal(await presentAt(waiting.registrationId, workshop.id), null);
    // The one with the seat: welcome, and not at the other workshop. A plenary is open to every registered person.
    assert.equal((await one(conference.id, scanOf(first.code, '10:04', workshop.id))).outcome, 'welcome');
    assert.equal((await one(conference.id, scanOf(first.code, '10:05', other.id))).code, 'not_chosen');
    assert.equal((await one(conference.id, scanOf(waiting.code, '09:01', plenary.id))).outcome, 'welcome');
    assert.equal(await presentAt(registrationId, workshop.id), null, 'no choice was made for them');
  });

  it('refuses, naming the person, the codes that do not open these Rencontres, and records nothing', async () => {
    const { conference, plenary } = await edition({ capacity: 1 });
    const elsewhere = await edition();
    const confirmed = await registered(conference.id);
    const waiting = await registered(conference.id);
    assert.equal(waiting.status, 'waitlisted');
    const cancelled = await registered(elsewhere.conference.id);
    const otherEdition = await registered(elsewhere.conference.id);
    expectOk(await cancelRegistration(db, cancelled.registrationId, staff.id, { settings }));
    const meeting = await buildEvent(db, { title: 'Assemblée des jumelages' });
    const guest = await buildOfficer(db, member.id);
    const agenda = expectOk(
      await register(db, { eventId: meeting.id, personId: guest.id, registeredBy: null }, { settings }),
    );
    const [forgedId, mac] = confirmed.code.split('.') as [string, string];
    const cases: [ScanInput, string, RegExp][] = [
      [scanOf(`${forgedId}.${mac.slice(0, -2)}AA`, '09:00'), 'unknown_code', /^Code inconnu/],
      [scanOf('pas un code', '09:00'), 'unknown_code', /^Code inconnu/],
      [scanOf(checkInToken(randomUUID()), '09:00'), 'unknown_code', /^Code inconnu/],
      [scanOf(waiting.code, '09:00'), 'not_confirmed', /: Cette personne est sur la liste d’attente\.$/],
      [
        scanOf(otherEdition.code, '09:00'),
        'other_edition',
        /est inscrit·e à une autre édition des Rencontres/,
      ],
      [
        scanOf(checkInToken(agenda.id), '09:00'),
        'other_event',
        /est inscrit·e à « Assemblée des jumelages »/,
      ],
      [scanOf(confirmed.code, '09:00', elsewhere.plenary.id), 'session_not_found', /pas au programme/],
    ];
    const before = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from conference_scans`);
    const results = await send(conference.id, ...cases.map(([scan]) => scan));
    for (const [i, [, code, message]] of cases.entries()) {
      assert.equal(results[i]!.outcome, 'refused', `case ${i}`);
      assert.equal(results[i]!.code, code, `case ${i}: ${results[i]!.message}`);
      assert.match(results[i]!.message, message, `case ${i}`);
    }
    assert.ok(results[3]!.message.startsWith(`Camille ${waiting.person.lastName} :`), results[3]!.message);
    assert.equal(results[5]!.person?.name, `Camille ${guest.lastName}`);
    // A cancelled registration, at its own edition.
    const gone = await one(elsewhere.conference.id, scanOf(cancelled.code, '09:00'));
    assert.equal(gone.code, 'not_confirmed');
    assert.match(gone.message, /: Cette inscription a été annulée\.$/);
    const afterwards = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from conference_scans`,
    );
    assert.deepEqual(afterwards, before, 'no scan recorded');
    assert.equal((await counts(conference.eventId, conference.id, waiting.person.id)).attendance, 0);
    // The same badge, right: welcome (the refusals above were not the person's first passage).
    assert.equal((await one(conference.id, scanOf(confirmed.code, '09:05', plenary.id))).outcome, 'welcome');
  });

  /** `phones` phones sending the same person's badge at the same instant; the answers and what was written. */
  async function rush(phones: number, options: { lockKey?: () => string } = {}) {
    const { conference, plenary } = await edition();
    const { person, code } = await registered(conference.id);
    const scansAt = (sessionId?: string) =>
      Array.from({ length: phones }, (_, i) =>
        scanOf(code, `09:${String(10 + i).padStart(2, '0')}`, sessionId),
      );
    const send = (scans: ScanInput[]) =>
      Promise.all(scans.map((scan) => recordScans(db, conference.id, [scan], staff.id, options))).then(
        (results) => results.map((r) => expectOk(r)[0]!),
      );
    const welcomed = (answers: ScanResult[]) => answers.filter((a) => a.outcome === 'welcome').length;
    const entrance = await send(scansAt());
    // At the plenary's door the person is already present at the edition: nothing else puts them in line.
    const doorScans = scansAt(plenary.id);
    const door = await send(doorScans);
    return {
      entrance: welcomed(entrance),
      door: welcomed(door),
      ...(await counts(conference.eventId, conference.id, person.id)),
      doorAnswers: door,
      replayed: expectOk(await recordScans(db, conference.id, doorScans, staff.id)),
    };
  }

  it('counts a person once when eight phones send their badge at the same instant', async () => {
    const result = await rush(8);
    assert.equal(result.attendance, 1);
    assert.equal(result.entrance, 1, 'one welcome at the entrance');
    assert.equal(result.door, 1, 'one welcome at the door');
    assert.equal(result.scans, 16);
    for (const answer of result.doorAnswers.filter((a) => a.outcome !== 'welcome'))
      assert.match(answer.message, /^Déjà enregistré·e à 9 h 1\d$/);
    assert.deepEqual(result.replayed, result.doorAnswers, 'the phones sending again are answered the same');
  });

  it('welcomes one person twice without the lock: the rush above catches the race it guards against (control)', {
    skip: engine === 'pglite' ? 'PGlite runs one transaction at a time: the race cannot happen there' : false,
  }, async () => {
    let twice = 0;
    for (let attempt = 0; attempt < 5 && twice === 0; attempt++) {
      const { door } = await rush(8, { lockKey: () => randomUUID() });
      twice = Math.max(twice, door - 1);
    }
    assert.ok(
      twice > 0,
      'without the lock, two phones at the same instant should both have welcomed the person',
    );
  });
});
