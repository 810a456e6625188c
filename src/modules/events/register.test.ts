import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  buildEvent,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  buildPerson,
  buildStaff,
} from '../../../tests/factories.ts';
import { engine, testConfig, testDatabase } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { cancelRegistration } from './cancel-registration.ts';
import { checkIn } from './check-in.ts';
import { invite } from './events.ts';
import { notificationSettings } from './notifications.ts';
import { register } from './register.ts';
import { seatsTaken } from './registrations.queries.ts';

const settings = notificationSettings(testConfig());

describe('registering for an event', async () => {
  const { db } = await testDatabase({ after });
  const member = await buildLocalGovernment(db, { member: true });

  async function rush(capacity: number, people: number, options: { lock?: () => Promise<void> } = {}) {
    const event = await buildEvent(db, { capacity });
    const persons = await Promise.all(Array.from({ length: people }, () => buildOfficer(db, member.id)));
    const results = await Promise.all(
      persons.map((p) =>
        register(db, { eventId: event.id, personId: p.id, registeredBy: p.id }, { settings, ...options }),
      ),
    );
    assert.ok(results.every((r) => r.ok));
    return { event, ...(await seatsTaken(db, event.id)) };
  }

  it('never confirms more people than the capacity when 40 register at once for 5 seats', async () => {
    const { confirmed, waitlisted } = await rush(5, 40);
    assert.equal(confirmed, 5);
    assert.equal(waitlisted, 35);
  });

  it('oversells without the lock: the rush test catches the race it guards against (control)', {
    skip: engine === 'pglite' ? 'PGlite runs one transaction at a time: the race cannot happen there' : false,
  }, async () => {
    let oversold = 0;
    for (let attempt = 0; attempt < 5 && oversold === 0; attempt++) {
      const { confirmed } = await rush(5, 40, { lock: async () => {} });
      oversold = Math.max(oversold, confirmed - 5);
    }
    assert.ok(oversold > 0, 'without the lock, concurrent registrations should have oversold the event');
  });

  it('refuses a second registration of the same person with 409', async () => {
    const event = await buildEvent(db);
    const person = await buildOfficer(db, member.id);
    assert.ok(
      (await register(db, { eventId: event.id, personId: person.id, registeredBy: null }, { settings })).ok,
    );
    const again = await register(
      db,
      { eventId: event.id, personId: person.id, registeredBy: null },
      { settings },
    );
    assert.ok(!again.ok);
    assert.equal(again.error.status, 409);
    // The refusal carries its text's key and parameters (for another language), and the French sentence.
    const name = `${person.firstName} ${person.lastName}`;
    assert.deepEqual(again.error.text, { key: 'events.alreadyRegistered', params: { name } });
    assert.equal(again.error.message, `${name} est déjà inscrit·e à cet événement.`);
  });

  it('says why someone is not of the audience, with the key of its text: the year of a lapsed membership', async () => {
    const lapsed = await buildLocalGovernment(db, { member: false });
    const event = await buildEvent(db, { audience: 'members' });
    const officer = await buildOfficer(db, lapsed.id);
    const at = new Date('2030-03-01T12:00:00Z');
    const refused = await register(
      db,
      { eventId: event.id, personId: officer.id, registeredBy: officer.id },
      { settings, at },
    );
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'audience');
    assert.deepEqual(refused.error.text, { key: 'events.membersOnlyLapsed', params: { year: 2030 } });
    assert.match(refused.error.message, /pas à jour de son adhésion 2030\./);
  });

  it('registers only inside the window, with a French reason outside it', async () => {
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const notYet = await buildEvent(db, { registrationOpensAt: soon });
    const person = await buildOfficer(db, member.id);
    const early = await register(
      db,
      { eventId: notYet.id, personId: person.id, registeredBy: null },
      { settings },
    );
    assert.ok(!early.ok);
    assert.equal(early.error.code, 'registration_closed');
    assert.match(early.error.message, /Les inscriptions ouvriront le/);
    const closed = await buildEvent(db, { registrationClosesAt: new Date(Date.now() - 1000).toISOString() });
    const late = await register(
      db,
      { eventId: closed.id, personId: person.id, registeredBy: null },
      { settings },
    );
    assert.ok(!late.ok);
    assert.match(late.error.message, /closes/);
  });

  it('applies each audience and explains every refusal', async () => {
    const lapsed = await buildLocalGovernment(db, { member: false });
    const institution = await buildInstitution(db);
    const nonMemberOfficer = await buildOfficer(db, lapsed.id);
    const memberOfficer = await buildOfficer(db, member.id);
    const partner = await buildPerson(db, { kind: 'partner', organisationId: institution.id });
    const staff = await buildStaff(db);
    const cases: [string, string, boolean, RegExp?][] = [
      ['members', memberOfficer.id, true],
      ['members', nonMemberOfficer.id, false, /réservé aux adhérents.*pas à jour de son adhésion/],
      ['members', staff.id, true],
      ['local_governments', nonMemberOfficer.id, true],
      ['local_governments', partner.id, false, /collectivités territoriales françaises uniquement/],
      ['restricted', memberOfficer.id, false, /membres invités/],
    ];
    for (const [audience, personId, allowed, reason] of cases) {
      const event = await buildEvent(db, { audience: audience as 'members' });
      const result = await register(db, { eventId: event.id, personId, registeredBy: null }, { settings });
      assert.equal(result.ok, allowed, `${audience} ${personId}`);
      if (!result.ok) {
        assert.equal(result.error.code, 'audience');
        assert.match(result.error.message, reason!);
      }
    }
    const committee = await buildEvent(db, { audience: 'restricted' });
    await invite(db, committee.id, [memberOfficer.id], null);
    assert.ok(
      (
        await register(
          db,
          { eventId: committee.id, personId: memberOfficer.id, registeredBy: null },
          { settings },
        )
      ).ok,
    );
  });

  it('records the chosen mode of a hybrid event and refuses an impossible one', async () => {
    const hybrid = await buildEvent(db, { format: 'hybrid', onlineUrl: 'https://visio.example.org/abc' });
    const inPerson = await buildEvent(db);
    const person = await buildOfficer(db, member.id);
    const online = await register(
      db,
      { eventId: hybrid.id, personId: person.id, mode: 'online', registeredBy: null },
      { settings },
    );
    assert.ok(online.ok && online.value.mode === 'online');
    const wrong = await register(
      db,
      { eventId: inPerson.id, personId: person.id, mode: 'online', registeredBy: null },
      { settings },
    );
    assert.ok(!wrong.ok);
    assert.equal(wrong.error.status, 400);
  });

  it('gives the seat of a cancelled registration to the first person waiting, and tells them', async () => {
    const event = await buildEvent(db, { capacity: 1 });
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => buildOfficer(db, member.id)));
    const a = await register(
      db,
      { eventId: event.id, personId: first!.id, registeredBy: null },
      { settings },
    );
    const b = await register(
      db,
      { eventId: event.id, personId: second!.id, registeredBy: null },
      { settings },
    );
    const c = await register(
      db,
      { eventId: event.id, personId: third!.id, registeredBy: null },
      { settings },
    );
    assert.ok(a.ok && b.ok && c.ok);
    assert.deepEqual(
      [a.value.status, b.value.status, c.value.status],
      ['confirmed', 'waitlisted', 'waitlisted'],
    );
    const cancelled = await cancelRegistration(db, a.value.id, first!.id, { settings });
    assert.ok(cancelled.ok);
    assert.deepEqual(cancelled.value.promoted, [b.value.id]);
    assert.deepEqual(await seatsTaken(db, event.id), { confirmed: 1, waitlisted: 1 });
    const mails = await queryRows<{ subject: string }>(
      db,
      sql`select subject from mails where "to" = ${second!.email} order by created_at`,
    );
    assert.deepEqual(
      mails.map((m) => m.subject.split(' :')[0]),
      ['Liste d’attente', 'Une place s’est libérée'],
    );
    const twice = await cancelRegistration(db, a.value.id, first!.id, { settings });
    assert.ok(!twice.ok);
  });

  it('refuses to cancel once the event has started', async () => {
    const event = await buildEvent(db, {}, 1);
    const person = await buildOfficer(db, member.id);
    const registration = await register(
      db,
      { eventId: event.id, personId: person.id, registeredBy: null },
      { settings },
    );
    assert.ok(registration.ok);
    const later = new Date(event.startsAt.getTime() + 60_000);
    const result = await cancelRegistration(db, registration.value.id, person.id, { settings, at: later });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'event_started');
  });

  it('checks a person in once: a second check-in records nothing new', async () => {
    const event = await buildEvent(db);
    const person = await buildOfficer(db, member.id);
    const registration = await register(
      db,
      { eventId: event.id, personId: person.id, registeredBy: null },
      { settings },
    );
    assert.ok(registration.ok);
    const first = await checkIn(db, registration.value.id, null);
    const second = await checkIn(db, registration.value.id, null);
    assert.ok(first.ok && first.value.recorded);
    assert.ok(second.ok && !second.value.recorded);
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from attendance where event_id = ${event.id}`,
    );
    assert.equal(rows[0]!.n, 1);
  });
});
