import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
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
import type { Result } from '../../platform/result.ts';
import { cancelRegistration } from './cancel-registration.ts';
import { checkIn } from './check-in.ts';
import type { RegistrationStatus } from './events.schema.ts';
import { invite } from './events.ts';
import { eventLockKey } from './lock.ts';
import { notificationSettings } from './notifications.ts';
import { type Registration, register } from './register.ts';
import { registerNewPerson } from './register-person.ts';
import { seatsTaken } from './registrations.queries.ts';

const settings = notificationSettings(testConfig());

describe('registering for an event', async () => {
  const { db, url } = await testDatabase({ after });
  const member = await buildLocalGovernment(db, { member: true });

  async function rush(capacity: number, people: number, options: { lockKey?: () => string } = {}) {
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
      const { confirmed } = await rush(5, 40, { lockKey: () => randomUUID() });
      oversold = Math.max(oversold, confirmed - 5);
    }
    assert.ok(oversold > 0, 'without the lock, concurrent registrations should have oversold the event');
  });

  /** A person registering themselves. */
  const self = (eventId: string, personId: string) =>
    register(db, { eventId, personId, registeredBy: null }, { settings });

  /**
   * The registration was made with that status, and wrote beside its row the mail of that status, the
   * reminder of a confirmed place, one audit row: none of the other status's.
   */
  async function assertWrote(
    result: Result<Registration> | undefined,
    status: RegistrationStatus,
    subject: string,
  ) {
    assert.ok(result?.ok);
    assert.equal(result.value.status, status);
    const id = result.value.id;
    const [row] = await queryRows<{ mails: string[]; reminders: number; audited: string[] }>(
      db,
      sql`select
        array(select subject from mails where dedupe_key like ${`registration:${id}:%`}) as mails,
        (select count(*)::int from jobs where kind = 'event.reminder' and payload->>'registrationId' = ${id})
          as reminders,
        array(select data->>'status' from audit_log where entity = 'registration' and entity_id = ${id})
          as audited`,
    );
    assert.deepEqual(row, {
      mails: [subject],
      reminders: status === 'confirmed' ? 1 : 0,
      audited: [status],
    });
  }

  it('writes the mail, reminders and audit row of the status it decides, and only those', async () => {
    const event = await buildEvent(db, { capacity: 1, title: 'Atelier Sahel' });
    const [first, second] = await Promise.all([1, 2].map(() => buildOfficer(db, member.id)));
    await assertWrote(await self(event.id, first!.id), 'confirmed', 'Inscription confirmée : Atelier Sahel');
    await assertWrote(await self(event.id, second!.id), 'waitlisted', 'Liste d’attente : Atelier Sahel');
  });

  describe('while it waits for the event’s lock', {
    skip:
      engine === 'pglite'
        ? 'PGlite has one connection: nothing can hold the lock while a registration waits'
        : false,
  }, () => {
    /**
     * Another connection that takes the event's lock, as another registration or a change of the event
     * does: `taken` once it holds it; `waiting(n)` once n others wait for it; `release` commits what it
     * changed meanwhile and lets the first waiting one go (PostgreSQL grants a lock in the order asked).
     */
    async function holder(eventId: string) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('begin');
      const taken = client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
        eventLockKey(eventId),
      ]);
      return {
        client,
        taken,
        async waiting(n: number) {
          for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
            const { rows } = await client.query(
              `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted
                 and database = (select oid from pg_database where datname = current_database())`,
            );
            if (rows[0].n >= n) return;
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          throw new Error(`${n} registrations should be waiting for the lock`);
        },
        async release() {
          await client.query('commit');
          await client.end();
        },
      };
    }

    /**
     * Takes the lock, then starts the registrations; once they all wait for it, runs `change` and releases
     * the lock; returns what they answered.
     */
    async function whileHeld<T>(
      eventId: string,
      registrations: () => Promise<T>[],
      change: (client: pg.Client) => Promise<unknown> = async () => {},
    ): Promise<T[]> {
      const held = await holder(eventId);
      await held.taken;
      const pending = registrations();
      await held.waiting(pending.length);
      await change(held.client);
      await held.release();
      return Promise.all(pending);
    }

    it('starts again on the event as it is when it changed meanwhile: its capacity and its words', async () => {
      const event = await buildEvent(db, { capacity: 10, title: 'Point pays Japon' });
      const person = await buildOfficer(db, member.id);
      const [result] = await whileHeld(
        event.id,
        () => [self(event.id, person.id)],
        (client) =>
          client.query(`update events set capacity = 0, title = 'Point pays Japon (complet)' where id = $1`, [
            event.id,
          ]),
      );
      await assertWrote(result, 'waitlisted', 'Liste d’attente : Point pays Japon (complet)');
    });

    it('confirms, with its mail, a seat freed in an event that was full when it read it', async () => {
      const event = await buildEvent(db, { capacity: 1, title: 'Café des RAICT' });
      const [first, second] = await Promise.all([1, 2].map(() => buildOfficer(db, member.id)));
      const a = await self(event.id, first!.id);
      assert.ok(a.ok && a.value.status === 'confirmed');
      // The confirmed person leaves (a bare update: no promotion) after the second one read the event full.
      const [b] = await whileHeld(
        event.id,
        () => [self(event.id, second!.id)],
        (client) => client.query(`update registrations set status = 'cancelled' where id = $1`, [a.value.id]),
      );
      await assertWrote(b, 'confirmed', 'Inscription confirmée : Café des RAICT');
    });

    it('gives up with 409 and writes nothing when the event keeps changing', async () => {
      const event = await buildEvent(db, { capacity: 10 });
      const person = await buildOfficer(db, member.id);
      // Three changes, each while the registration waits: the next holder asks for the lock before the
      // last one releases it, so that it comes before the registration's next start.
      let held = await holder(event.id);
      await held.taken;
      const pending = self(event.id, person.id);
      for (let change = 1; change <= 3; change++) {
        await held.waiting(1);
        await held.client.query('update events set capacity = capacity + 1 where id = $1', [event.id]);
        const next = change < 3 ? await holder(event.id) : undefined;
        if (next) await held.waiting(2);
        await held.release();
        if (next) {
          await next.taken;
          held = next;
        }
      }
      const result = await pending;
      assert.ok(!result.ok);
      assert.equal(result.error.status, 409);
      assert.equal(result.error.code, 'conflict');
      assert.deepEqual(await seatsTaken(db, event.id), { confirmed: 0, waitlisted: 0 });
      const [left] = await queryRows<{ mails: number; audited: number }>(
        db,
        sql`select (select count(*)::int from mails where "to" = ${person.email}) as mails,
          (select count(*)::int from audit_log where data->>'personId' = ${person.id}) as audited`,
      );
      assert.deepEqual(left, { mails: 0, audited: 0 });
    });

    it('registers once a person registered twice at the same instant, and says so to the second', async () => {
      const event = await buildEvent(db, { capacity: 10 });
      const person = await buildOfficer(db, member.id);
      const results = await whileHeld(event.id, () => [1, 2].map(() => self(event.id, person.id)));
      const refused = results.find((r) => !r.ok);
      assert.equal(refused?.error.code, 'already_registered');
      await assertWrote(
        results.find((r) => r.ok),
        'confirmed',
        `Inscription confirmée : ${event.title}`,
      );
    });

    it('answers 409 to staff registering someone inside its own transaction who just registered', async () => {
      const event = await buildEvent(db, { capacity: 10 });
      const [person, staff] = await Promise.all([buildOfficer(db, member.id), buildStaff(db)]);
      const held = await holder(event.id);
      await held.taken;
      const first = self(event.id, person.id);
      await held.waiting(1);
      // Staff's form registers them by address, in a transaction of its own, second in the queue: the unique
      // index refuses its row in a savepoint, and that transaction goes on to say why.
      const second = registerNewPerson(
        db,
        {
          eventId: event.id,
          firstName: 'x',
          lastName: 'x',
          email: person.email,
          kind: 'officer',
          organisation: '',
        },
        staff.id,
        { settings },
      );
      await held.waiting(2);
      await held.release();
      assert.ok((await first).ok);
      const refused = await second;
      assert.ok(!refused.ok);
      assert.equal(refused.error.code, 'already_registered');
      assert.deepEqual(await seatsTaken(db, event.id), { confirmed: 1, waitlisted: 0 });
    });
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
