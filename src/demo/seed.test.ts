import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../tests/helpers.ts';
import { listApplications } from '../modules/program/applications.ts';
import { listPrograms, listSessions } from '../modules/program/programs.ts';
import { cohortProgress } from '../modules/program/progress.ts';
import { queryRows } from '../platform/db/client.ts';
import { parisDate } from '../platform/time.ts';
import { seedDemo } from './seed.ts';

describe('the demo data', async () => {
  const { db } = await testDatabase({ after });
  const loaded = await seedDemo(db);

  const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(db, query))[0]!;
  const counts = () =>
    one<{ events: number; registrations: number; attendance: number; organisations: number }>(sql`
      select (select count(*)::int from events) as events,
             (select count(*)::int from registrations) as registrations,
             (select count(*)::int from attendance) as attendance,
             (select count(*)::int from organisations) as organisations`);

  it('loads on an empty database, with the agenda of the newsletter and its registrations', async () => {
    assert.equal(loaded, true);
    const { events, registrations, attendance } = await counts();
    assert.ok(events >= 25, `${events} events`);
    assert.ok(registrations >= 30, `${registrations} registrations`);
    assert.ok(attendance > 0, 'attendance is recorded at past events');
    const december = await one<{ n: number }>(
      sql`select count(*)::int as n from events
          where starts_at >= '2025-12-01T00:00:00+01:00' and starts_at < '2026-01-01T00:00:00+01:00'`,
    );
    assert.ok(december.n >= 10, `${december.n} events in December 2025`);
  });

  it('has the Rencontres on 8-9 July 2026, registrations opening on 15 April 2026', async () => {
    const rows = await queryRows<{
      starts_at: Date;
      ends_at: Date;
      registration_opens_at: Date | null;
      kind: string;
      audience: string;
      capacity: number | null;
      venue: string | null;
    }>(db, sql`select * from events where title like '17e Rencontres de l’action internationale%'`);
    assert.equal(rows.length, 1);
    const [rencontres] = rows as [(typeof rows)[number]];
    assert.equal(parisDate(new Date(rencontres.starts_at)), '2026-07-08');
    assert.equal(parisDate(new Date(rencontres.ends_at)), '2026-07-09');
    assert.ok(rencontres.registration_opens_at);
    assert.equal(parisDate(new Date(rencontres.registration_opens_at)), '2026-04-15');
    assert.equal(rencontres.kind, 'conference');
    // An edition of the Rencontres: registrations go through its page, with a category (decision 026).
    assert.equal(rencontres.audience, 'conference');
    assert.ok((rencontres.capacity ?? 0) > 0);
    assert.match(rencontres.venue ?? '', /Arts et Métiers/);
  });

  it('gives the restricted steering committees an invitation list, and registers only invitees', async () => {
    const restricted = await queryRows<{ title: string; invited: number; outsiders: number }>(
      db,
      sql`select e.title,
            (select count(*)::int from event_invitations i where i.event_id = e.id) as invited,
            (select count(*)::int from registrations r where r.event_id = e.id and not exists
               (select 1 from event_invitations i where i.event_id = e.id and i.person_id = r.person_id)) as outsiders
          from events e where e.audience = 'restricted'`,
    );
    assert.ok(restricted.length >= 3, 'the three Franco-Japanese steering committees');
    for (const row of restricted) {
      assert.ok(row.invited > 0, `${row.title} has invitees`);
      assert.equal(row.outsiders, 0, `${row.title} registers invitees only`);
    }
  });

  it('has at least one full event with a waiting list, open for registration', async () => {
    const full = await queryRows<{ title: string }>(
      db,
      sql`select e.title from events e
          where e.capacity is not null and e.starts_at > now()
            and (select count(*) from registrations r where r.event_id = e.id and r.status = 'confirmed') = e.capacity
            and exists (select 1 from registrations r where r.event_id = e.id and r.status = 'waitlisted')`,
    );
    assert.ok(full.length >= 1);
  });

  it('never confirms more people than an event has seats', async () => {
    const oversold = await queryRows<{ title: string; confirmed: number; capacity: number }>(
      db,
      sql`select e.title, e.capacity, count(r.id)::int as confirmed
          from events e join registrations r on r.event_id = e.id and r.status = 'confirmed'
          where e.capacity is not null
          group by e.id having count(r.id) > e.capacity`,
    );
    assert.deepEqual(oversold, []);
  });

  it('records attendance only for confirmed registrations of events already begun', async () => {
    const stray = await one<{ n: number }>(
      sql`select count(*)::int as n from attendance a join events e on e.id = a.event_id
          where e.starts_at > now() or not exists (select 1 from registrations r where r.event_id = a.event_id
            and r.person_id = a.person_id and r.status = 'confirmed')`,
    );
    assert.equal(stray.n, 0);
  });

  it('writes every registration of the demo as register() does: one audit entry, dated as the registration', async () => {
    // The agenda's past registrations and the program's cohort go through seedRegistration, the others
    // through register(): each has its « register » entry, at the moment it was made.
    const unaudited = await queryRows<{ id: string }>(
      db,
      sql`select r.id from registrations r where (select count(*) from audit_log a
            where a.entity = 'registration' and a.action = 'register' and a.entity_id = r.id::text
              and a.at = r.created_at and a.actor_id is not distinct from r.registered_by) <> 1`,
    );
    assert.deepEqual(unaudited, []);
    const past = await one<{ n: number }>(
      sql`select count(*)::int as n from registrations r join events e on e.id = r.event_id where e.ends_at < now()`,
    );
    assert.ok(past.n > 30, `${past.n} registrations at past events`);
  });

  it('loads nothing the second time', async () => {
    const before = await counts();
    assert.equal(await seedDemo(db), false);
    assert.deepEqual(await counts(), before);
  });

  it('has the 2026-2027 edition of the path with 12 sessions and a cohort at every stage', async () => {
    const [program] = await listPrograms(db);
    assert.ok(program);
    const sessions = await listSessions(db, program.id);
    assert.equal(sessions.length, 12);
    assert.deepEqual(
      sessions.filter((s) => s.mandatory).map((s) => s.event.title),
      [
        '« La France à l’heure de la reconfiguration des alliances »',
        '« Immersion dans l’écosystème de la diplomatie française »',
      ],
    );
    assert.equal(sessions.filter((s) => s.cohortOnly).length, 2);
    const cohort = await listApplications(db, program.id, ['accepted']);
    assert.equal(cohort.length, 15);
    const progress = await cohortProgress(
      db,
      program,
      cohort.map((a) => a.personId),
      new Date('2026-11-23T12:00:00Z'),
    );
    const standings = new Set([...progress.values()].map((p) => p.standing));
    assert.deepEqual([...standings].sort(), ['at_risk', 'eligible', 'on_track', 'out_of_reach']);
    assert.ok(
      (await listApplications(db, program.id, ['submitted'])).length >= 3,
      'applications left to review',
    );
  });

  it('has the Chroniques géopolitiques as one series with seasons: the 2e session of season 6, and a season under way around today', async () => {
    const sessions = await queryRows<{
      season: number;
      session_number: number;
      guest: string | null;
      starts_at: Date;
      ends_at: Date;
      minutes: number;
    }>(
      db,
      sql`select e.season, e.session_number, e.guest, e.starts_at, e.ends_at,
                 (select count(*)::int from event_documents d where d.event_id = e.id and d.kind = 'minutes') as minutes
            from events e join event_series s on s.id = e.series_id
           where s.title = 'Chroniques géopolitiques' order by e.starts_at`,
    );
    const second = sessions.find((s) => s.season === 6 && s.session_number === 2);
    assert.ok(second, 'season 6, 2e session');
    assert.match(second.guest ?? '', /Dorothée Schmid/);
    const now = new Date();
    const current = Math.max(...sessions.map((s) => s.season));
    const ofCurrent = sessions.filter((s) => s.season === current);
    assert.ok(
      ofCurrent.some((s) => new Date(s.starts_at) > now),
      'a session of the season under way is to come',
    );
    // Sessions over have their minutes.
    for (const s of ofCurrent.filter((s) => new Date(s.ends_at) <= now)) assert.equal(s.minutes, 1);
    const [decryptages] = await queryRows<{ guest_label: string | null }>(
      db,
      sql`select guest_label from event_series where title = 'Décryptages thématiques'`,
    );
    assert.equal(decryptages?.guest_label, 'Grand témoin');
  });
});
