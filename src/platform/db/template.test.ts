import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from './client.ts';
import { findTemplate } from './template.ts';

const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));
const migrations = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length;

async function appliedMigrations(): Promise<number> {
  const database = await openDatabase({ dataDir: 'memory' });
  try {
    await database.migrate();
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return row!.n;
  } finally {
    await database.close();
  }
}

describe('the prepared copy of a new embedded database', () => {
  it('is made by a first migration, and a database loaded from it has every migration', async () => {
    assert.equal(await appliedMigrations(), migrations);
    const template = await findTemplate(migrationsFolder);
    assert.ok(template.archive, 'the copy is kept');
    assert.equal(await appliedMigrations(), migrations);
  });

  it('is made again when it is damaged, and the database still opens', async () => {
    const { path } = await findTemplate(migrationsFolder);
    writeFileSync(path, 'not a tar archive');
    assert.equal(await appliedMigrations(), migrations);
    assert.ok(statSync(path).size > 1_000_000, 'a whole copy replaces the damaged one');
  });
});
