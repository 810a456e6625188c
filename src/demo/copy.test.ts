import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../platform/db/client.ts';
import { findCopy } from '../platform/db/template.ts';
import { findDemoCopy } from './copy.ts';

// Copies made and damaged here stay in a folder of their own, away from the test files running beside.
const ownFolder = mkdtempSync(join(tmpdir(), 'coopdec-demo-copies-'));
process.env.COOPDEC_TEMPLATE_FOLDER = ownFolder;
after(() => rmSync(ownFolder, { recursive: true, force: true }));

describe('the copy of the demo data', () => {
  it('is named by the day in Paris and the address of its links', async () => {
    const base = 'http://localhost:3000';
    // 23:30 in Paris on 1 December is 22:30 UTC; 00:30 on 2 December is 23:30 UTC the same UTC day.
    const morning = await findDemoCopy(new Date('2026-12-01T07:00:00Z'), base);
    const evening = await findDemoCopy(new Date('2026-12-01T22:30:00Z'), base);
    const nextDay = await findDemoCopy(new Date('2026-12-01T23:30:00Z'), base);
    const elsewhere = await findDemoCopy(new Date('2026-12-01T07:00:00Z'), 'https://coopdec.example.org');
    assert.equal(evening.path, morning.path, 'one copy for the whole day');
    assert.notEqual(nextDay.path, morning.path, 'another the next day in Paris');
    assert.notEqual(elsewhere.path, morning.path, 'another for another address');
    assert.match(morning.path, /demo-[0-9a-f]{16}\.tar$/);
  });

  it('starts a new database with its data, not one that already exists; a damaged copy is forgotten', async () => {
    const copy = await findCopy('demo', createHash('sha256').update('a test'));
    const marked = async (database: Awaited<ReturnType<typeof openDatabase>>) =>
      (
        await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from pg_tables where tablename = 'marker'`,
        )
      )[0]!.n === 1;

    const source = await openDatabase({ dataDir: 'memory' });
    await source.migrate();
    await source.db.execute(sql`create table marker (id int)`);
    await source.keepAs(copy);
    await source.close();
    const found = await findCopy('demo', createHash('sha256').update('a test'));
    assert.ok(found.archive, 'kept');

    const folder = mkdtempSync(join(tmpdir(), 'coopdec-demo-copy-'));
    try {
      let asked = 0;
      const startFrom = async () => {
        asked += 1;
        return found;
      };
      const first = await openDatabase({ dataDir: folder, startFrom });
      assert.equal(first.startedFrom, found);
      assert.ok(await marked(first), 'the copy’s data');
      await first.close();
      const restarted = await openDatabase({ dataDir: folder, startFrom });
      assert.equal(restarted.startedFrom, undefined);
      assert.equal(asked, 1, 'not asked for a database that exists');
      await restarted.close();

      writeFileSync(found.path, 'not a tar archive');
      const damaged = await findCopy('demo', createHash('sha256').update('a test'));
      const fresh = await openDatabase({ dataDir: 'memory', startFrom: async () => damaged });
      assert.equal(fresh.startedFrom, undefined);
      await fresh.migrate();
      assert.equal(await marked(fresh), false, 'an empty database, migrated');
      assert.equal(existsSync(found.path), false, 'the damaged copy is gone');
      await fresh.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('keeps the three latest copies: a start with another address leaves the newcomer’s', async () => {
    const database = await openDatabase({ dataDir: 'memory' });
    await database.migrate();
    const copies: string[] = [];
    for (const name of ['first', 'second', 'third', 'fourth']) {
      const copy = await findCopy('demo', createHash('sha256').update(name), 3);
      await database.keepAs(copy);
      copies.push(copy.path);
    }
    await database.close();
    assert.deepEqual(
      copies.map((path) => existsSync(path)),
      [false, true, true, true],
    );
  });
});
