// Issue 5, item 1 — « No oversell, repeatedly »: 20 runs of 50 concurrent registrations (distinct member
// people) for 10 seats; exactly 10 confirmed every run, and confirmed ≤ capacity for every event of the
// database at the end. Runs on the engine `npm test` uses (PGlite, or the server named by DATABASE_URL).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { notificationSettings } from '../src/modules/events/notifications.ts';
import { register } from '../src/modules/events/register.ts';
import { seatsTaken } from '../src/modules/events/registrations.queries.ts';
import { queryRows } from '../src/platform/db/client.ts';
import { buildEvent, buildLocalGovernment, buildOfficer } from './factories.ts';
import { engine, testConfig, testDatabase } from './helpers.ts';

const runs = 20;
const rush = 50;
const seats = 10;
const settings = notificationSettings(testConfig());

describe(`no oversell, repeatedly (${engine})`, async () => {
  const { db } = await testDatabase({ after });
  const member = await buildLocalGovernment(db, { member: true });

  it(`confirms exactly ${seats} of ${rush} concurrent registrations, ${runs} runs in a row`, async () => {
    const figures: { confirmed: number; waitlisted: number; ms: number }[] = [];
    for (let run = 0; run < runs; run++) {
      const event = await buildEvent(db, { capacity: seats, audience: 'members' });
      const people = [];
      for (let i = 0; i < rush; i++) people.push(await buildOfficer(db, member.id));
      const started = performance.now();
      const results = await Promise.all(
        people.map((p) =>
          register(db, { eventId: event.id, personId: p.id, registeredBy: p.id }, { settings }),
        ),
      );
      const ms = Math.round(performance.now() - started);
      const refused = results.filter((r) => !r.ok);
      assert.equal(refused.length, 0, `run ${run + 1}: ${refused.map((r) => !r.ok && r.error.message)}`);
      const counted = await seatsTaken(db, event.id);
      const statuses = results.map((r) => (r.ok ? r.value.status : 'refused'));
      assert.equal(statuses.filter((s) => s === 'confirmed').length, seats, `run ${run + 1}: answers`);
      figures.push({ confirmed: counted.confirmed, waitlisted: counted.waitlisted, ms });
      assert.equal(counted.confirmed, seats, `run ${run + 1}: confirmed in the database`);
      assert.equal(counted.waitlisted, rush - seats, `run ${run + 1}: waitlisted in the database`);
    }
    console.log(
      `[proof-oversell] engine=${engine} runs=${runs} rush=${rush} seats=${seats} confirmed per run=${figures
        .map((f) => f.confirmed)
        .join(',')} waitlisted per run=${figures.map((f) => f.waitlisted).join(',')} ms per rush=${figures
        .map((f) => f.ms)
        .join(',')}`,
    );
    assert.deepEqual(
      figures.map((f) => f.confirmed),
      Array(runs).fill(seats),
    );
  });

  it('has confirmed ≤ capacity for every event of the database (SQL check)', async () => {
    const rows = await queryRows<{ events: number; limited: number; oversold: number; confirmed: number }>(
      db,
      sql`select count(*)::int as events,
                 count(*) filter (where capacity is not null)::int as limited,
                 count(*) filter (where capacity is not null and confirmed > capacity)::int as oversold,
                 coalesce(sum(confirmed), 0)::int as confirmed
            from (select e.id, e.capacity,
                         (select count(*) from registrations r
                           where r.event_id = e.id and r.status = 'confirmed') as confirmed
                    from events e) t`,
    );
    const [totals] = rows;
    console.log(
      `[proof-oversell] SQL check over all events: events=${totals!.events} with capacity=${totals!.limited} confirmed=${totals!.confirmed} oversold=${totals!.oversold}`,
    );
    assert.equal(totals!.events, runs);
    assert.equal(totals!.oversold, 0);
    assert.equal(totals!.confirmed, runs * seats);
  });
});
