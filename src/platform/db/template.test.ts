import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from './client.ts';
import { findTemplate } from './template.ts';

const migrationsFolder = fileURLToPath(new URL('../../../drizzle', import.meta.url));
const migrations = readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).length;

// These tests damage and remove the copy: they work on a folder of their own, so that the test files running
// beside them load an intact shared copy (and cannot replace this one under them).
const ownFolder = mkdtempSync(join(tmpdir(), 'coopdec-templates-'));
process.env.COOPDEC_TEMPLATE_FOLDER = ownFolder;
after(() => rmSync(ownFolder, { recursive: true, force: true }));

async function appliedMigrations(dataDir = 'memory'): Promise<number> {
  const database = await openDatabase({ dataDir });
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
    assert.equal((await findTemplate(migrationsFolder)).archive, undefined, 'no copy yet');
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

  it('made by a first start in a folder (npm install without its scripts), opens in memory and in another folder', async () => {
    const template = await findTemplate(migrationsFolder);
    rmSync(template.path, { force: true });
    const folders = [
      mkdtempSync(join(tmpdir(), 'coopdec-template-')),
      mkdtempSync(join(tmpdir(), 'coopdec-template-')),
    ];
    try {
      assert.equal(await appliedMigrations(folders[0]), migrations);
      assert.ok((await findTemplate(migrationsFolder)).archive, 'the first start left its copy');
      const made = statSync(template.path).ino;
      assert.equal(await appliedMigrations(), migrations);
      assert.equal(await appliedMigrations(folders[1]), migrations);
      // A copy that failed to load would have been replaced by a new file.
      assert.equal(statSync(template.path).ino, made, 'both loaded the copy');
      // Restarted, the folder is opened as it is.
      assert.equal(await appliedMigrations(folders[1]), migrations);
    } finally {
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    }
  });
});
