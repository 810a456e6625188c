// The migration that moved the program's applications into the applications module's table, run on a
// database of the old shape (migrations up to 0004, then applications written as the program wrote them):
// every application is kept, with its id, status, answers, decision and who made them.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { type Db, pgliteOptions, queryRows } from '../../platform/db/client.ts';
import { parisYear } from '../../platform/time.ts';
import { countByStatus } from '../applications/applications.ts';
import {
  applicationOf,
  applyToProgram,
  decideApplication,
  inCohortOf,
  listApplications,
} from './applications.ts';
import { programPipeline } from './program.pipeline.ts';

const migrations = fileURLToPath(new URL('../../../drizzle', import.meta.url));

/** The migrations folder as it was before the applications module: its journal stops at 0004. */
function oldMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'coopdec-migrations-'));
  cpSync(migrations, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === '0004_credential_version');
  assert.ok(last >= 0, 'the journal has 0004_credential_version');
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** A database on the engine of this run (PGlite, or a new database on DATABASE_URL's server). */
async function emptyDatabase(t: { after: (fn: () => unknown) => void }) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const client = await PGlite.create(pgliteOptions);
    t.after(() => client.close());
    const db = drizzlePglite(client);
    return {
      db: db as unknown as Db,
      migrate: (folder: string) => migratePglite(db, { migrationsFolder: folder }),
    };
  }
  const name = `coopdec_migration_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.href, max: 4 });
  t.after(async () => {
    await pool.end();
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });
  const db = drizzleNodePg(pool);
  return {
    db: db as unknown as Db,
    migrate: (folder: string) => migrateNodePg(db, { migrationsFolder: folder }),
  };
}

describe('the migration of the program’s applications to the applications module', async () => {
  const { db, migrate } = await emptyDatabase({ after });
  const old = oldMigrations();
  after(() => rmSync(old, { recursive: true, force: true }));
  await migrate(old);

  // The program's data as it was, written in the tables' shape of then (raw SQL: today's domain code knows
  // columns added since), applications in the table's old columns.
  const id = () => randomUUID();
  const town = { id: id() };
  const [staff, accepted, pending, bare, referent] = [
    { id: id() },
    { id: id() },
    { id: id() },
    { id: id() },
    { id: id() },
  ] as const;
  await db.execute(
    sql`insert into organisations (id, name, kind) values (${town.id}, 'Villeneuve', 'commune')`,
  );
  await db.execute(
    sql`insert into memberships (organisation_id, year, status) values (${town.id}, ${parisYear()}, 'active')`,
  );
  const person = (p: { id: string }, kind: string, orgId: string | null, referent = false) =>
    db.execute(sql`insert into people (id, first_name, last_name, email, kind, organisation_id, referent)
                   values (${p.id}, 'Camille', ${p.id.slice(0, 8)}, ${`${p.id}@example.org`}, ${kind}, ${orgId}, ${referent})`);
  await person(staff, 'staff', null);
  for (const elected of [accepted, pending, bare]) {
    await person(elected, 'elected', town.id);
    await db.execute(sql`insert into mandates (person_id, organisation_id, title, starts_on)
                         values (${elected.id}, ${town.id}, 'conseillère municipale', '2026-03-22')`);
  }
  await person(referent, 'officer', town.id, true);
  const programId = id();
  await db.execute(sql`insert into programs (id, title, min_sessions, cohort_size)
                       values (${programId}, 'Promotion 2025-2026', 3, 2)`);
  const ids = { accepted: randomUUID(), pending: randomUUID(), bare: randomUUID() };
  await db.execute(sql`
    insert into applications (id, program_id, person_id, status, mandate, motivation, availability,
                              submitted_by, decided_by, decided_at, decision_comment, created_at)
    values
      (${ids.accepted}, ${programId}, ${accepted.id}, 'accepted', 'maire adjointe', 'Nouvelle élue', 'Le mardi',
       ${accepted.id}, ${staff.id}, '2026-04-20T10:00:00Z', 'Bienvenue', '2026-04-02T08:00:00Z'),
      (${ids.pending}, ${programId}, ${pending.id}, 'waitlisted', 'conseiller municipal', null, null,
       ${referent.id}, ${staff.id}, '2026-04-21T10:00:00Z', null, '2026-04-03T08:00:00Z'),
      (${ids.bare}, ${programId}, ${bare.id}, 'submitted', null, null, null, null, null, null, null,
       '2026-04-04T08:00:00Z')`);

  await migrate(migrations);

  it('keeps every application with its id, status, answers and decision', async () => {
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select id, scope, owner_id, person_id, organisation_id, status, answers, submitted_by, submitted_at,
                 decided_by, decided_at, decision_motivation, created_at, applicant_key
          from applications order by created_at`,
    );
    assert.equal(rows.length, 3);
    const [first, second, third] = rows as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    assert.deepEqual(
      rows.map((r) => [r.id, r.scope, r.owner_id, r.status]),
      [
        [ids.accepted, 'program', programId, 'accepted'],
        [ids.pending, 'program', programId, 'waitlisted'],
        [ids.bare, 'program', programId, 'submitted'],
      ],
    );
    const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
    assert.deepEqual(json(first.answers), {
      mandate: 'maire adjointe',
      motivation: 'Nouvelle élue',
      availability: 'Le mardi',
    });
    assert.deepEqual(json(second.answers), { mandate: 'conseiller municipal' });
    assert.deepEqual(json(third.answers), {});
    assert.equal(first.decision_motivation, 'Bienvenue');
    assert.equal(second.decision_motivation, null);
    assert.deepEqual(
      rows.map((r) => [r.person_id, r.organisation_id, r.submitted_by, r.decided_by]),
      [
        [accepted.id, town.id, accepted.id, staff.id],
        [pending.id, town.id, referent.id, staff.id],
        [bare.id, town.id, null, null],
      ],
    );
    // One application per person and edition still (migration 0030 keys them on their person).
    for (const row of rows) assert.equal(row.applicant_key, row.person_id);
    assert.equal(new Date(String(first.decided_at)).toISOString(), '2026-04-20T10:00:00.000Z');
    // Submitted when it was made.
    for (const row of rows)
      assert.equal(new Date(String(row.submitted_at)).getTime(), new Date(String(row.created_at)).getTime());
    const columns = await queryRows<{ column_name: string }>(
      db,
      sql`select column_name from information_schema.columns where table_name = 'applications'`,
    );
    for (const gone of ['program_id', 'mandate', 'motivation', 'availability', 'decision_comment'])
      assert.ok(!columns.some((c) => c.column_name === gone), gone);
  });

  it('lets the program read and decide them as before', async () => {
    const mine = await applicationOf(db, programId, accepted.id);
    assert.equal(mine?.id, ids.accepted);
    assert.equal(mine?.mandate, 'maire adjointe');
    assert.equal(mine?.availability, 'Le mardi');
    assert.equal(mine?.decisionComment, 'Bienvenue');
    assert.equal((await applicationOf(db, programId, pending.id))?.submittedBy, referent.id);
    assert.ok(await inCohortOf(db, [programId], accepted.id));
    assert.ok(!(await inCohortOf(db, [programId], pending.id)));
    assert.deepEqual((await countByStatus(db, programPipeline, [programId])).get(programId), {
      accepted: 1,
      waitlisted: 1,
      submitted: 1,
    });

    // One application per élu and edition still holds; the cohort's two places still count the one taken.
    const again = await applyToProgram(db, programId, { personId: bare.id }, bare.id);
    assert.ok(!again.ok);
    assert.equal(again.error.status, 409, again.error.message);
    const decided = await db.transaction((tx) =>
      decideApplication(tx, ids.pending, { decision: 'accepted' }, staff.id, 'http://localhost:3000'),
    );
    assert.ok(decided.ok);
    const full = await db.transaction((tx) =>
      decideApplication(tx, ids.bare, { decision: 'accepted' }, staff.id, 'http://localhost:3000'),
    );
    assert.ok(!full.ok);
    assert.equal(full.error.code, 'cohort_full');
    assert.equal((await listApplications(db, programId, ['accepted'])).length, 2);
  });
});
