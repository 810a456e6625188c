// A person's copy of their data, and their erasure: afterwards, no text column of the whole database holds
// their email or their name, but for the residue the law allows (none, today, outside what the modules say).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { recordAttendance } from '../src/modules/events/check-in.ts';
import { notificationSettings } from '../src/modules/events/notifications.ts';
import { register } from '../src/modules/events/register.ts';
import { erasePerson, exportPersonalData } from '../src/modules/organisations/personal-data.ts';
import { type Executor, queryRows } from '../src/platform/db/client.ts';
import { buildEvent, buildLocalGovernment, buildPerson, buildStaff, sessionCookie } from './factories.ts';
import { testApp } from './helpers.ts';

/** Every row of every table whose text (any column, read as text) contains one of the words. */
async function rowsMentioning(db: Executor, words: string[]) {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name <> '__drizzle_migrations'`,
  );
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    for (const word of words) {
      const rows = await queryRows<{ n: number }>(
        db,
        sql.raw(
          `select count(*)::int as n from public.${JSON.stringify(table)} t where to_jsonb(t)::text ilike '%' || ${`'${word.replace(/'/g, "''")}'`} || '%'`,
        ),
      );
      if (rows[0]!.n > 0) found.push(`${table}: ${rows[0]!.n} × « ${word} »`);
    }
  }
  return found;
}

describe('a person’s data: their copy and their erasure', async () => {
  const { app, db, config, jobs } = await testApp({ after });
  const staff = await buildStaff(db);
  const town = await buildLocalGovernment(db);
  const email = `zoe.effacement.${Date.now()}@example.org`;
  const elected = await buildPerson(db, {
    firstName: 'Zoé',
    lastName: 'Quintal-Effacée',
    email,
    kind: 'elected',
    organisationId: town.id,
    mandate: { title: 'adjointe au maire', startsOn: '2026-03-22' },
  });
  const event = await buildEvent(db, { title: 'Réunion du groupe-pays Japon' });
  const registered = await register(
    db,
    { eventId: event.id, personId: elected.id, registeredBy: elected.id },
    { settings: notificationSettings(config) },
  );
  assert.ok(registered.ok);
  // A meeting she attended last month: the past stays counted after her erasure.
  const past = await buildEvent(db, { title: 'Comité du fonds de solidarité' }, -30);
  await recordAttendance(db, {
    eventId: past.id,
    personId: elected.id,
    source: 'check_in',
    recordedBy: staff.id,
  });
  await jobs.drain();

  it('gives the person a copy of everything held about them, readable and as JSON', async () => {
    // Signed in first: the account's part of the copy is there only when the account holds something.
    const cookie = await sessionCookie(db, elected);
    const data = (await exportPersonalData(db, elected.id))!;
    assert.equal(data.person.courriel, email);
    const titles = data.sections.map((s) => s.title);
    assert.ok(titles.includes('Mandats') && titles.includes('Compte'), titles.join());
    const agenda = data.sections.find((s) => s.title === 'Agenda')?.data as {
      registrations: { event: string; status: string }[];
      attendance: { event: string; source: string }[];
    };
    assert.deepEqual(
      agenda.registrations.map((r) => [r.event, r.status]),
      [['Réunion du groupe-pays Japon', 'confirmed']],
    );
    assert.deepEqual(
      agenda.attendance.map((a) => [a.event, a.source]),
      [['Comité du fonds de solidarité', 'check_in']],
    );
    const page = await app.inject({ url: '/mon-espace/donnees', headers: { cookie } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Quintal-Effacée/);
    assert.match(page.body, /adjointe au maire/);
    const file = await app.inject({ url: '/mon-espace/donnees.json', headers: { cookie } });
    assert.equal(file.headers['cache-control'], 'no-store');
    assert.match(String(file.headers['content-disposition']), /attachment/);
    assert.equal(file.json().person.courriel, email);
  });

  it('erases the person: no table of the database mentions their email or name afterwards', async () => {
    const before = await rowsMentioning(db, [email, 'Quintal-Effacée']);
    assert.ok(before.length >= 3, `the person is in several tables before: ${before.join('; ')}`);
    const refused = await erasePerson(db, staff.id, staff.id);
    assert.equal(refused.ok, false, 'staff cannot erase themself from this page');
    const result = await db.transaction((tx) => erasePerson(tx, elected.id, staff.id));
    assert.ok(result.ok);
    assert.deepEqual(await rowsMentioning(db, [email, 'Quintal-Effacée']), []);
    // What was to come is withdrawn (her seat freed); the past stays counted, without anyone's name.
    const states = await queryRows<{ status: string }>(
      db,
      sql`select status from registrations where event_id = ${event.id} and person_id = ${elected.id}`,
    );
    assert.deepEqual(
      states.map((r) => r.status),
      ['cancelled'],
    );
    const [present] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from attendance where event_id = ${past.id} and person_id = ${elected.id}`,
    );
    assert.equal(present!.n, 1);
  });
});
