// The register of processing activities covers every table: a new table, or a column that looks like
// personal data, that the register does not describe fails here.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modules, register } from '../src/modules/index.ts';
import * as platformSchema from '../src/platform/db/platform.schema.ts';
import { personalLooking, tablesOf } from '../src/platform/privacy.ts';

const tables = [
  ...tablesOf(platformSchema),
  ...modules.flatMap((m) => tablesOf((m.schema ?? {}) as Record<string, unknown>)),
];

describe('the register of processing activities', () => {
  const entries = register();
  const byTable = new Map(entries.map((e) => [e.table, e]));

  it('has one entry for each table of the database, with its purpose, basis, retention and recipients', () => {
    assert.ok(tables.length >= 27, `${tables.length} tables`);
    assert.deepEqual(
      tables.map((t) => t.name).filter((name) => !byTable.has(name)),
      [],
      'tables without an entry',
    );
    assert.equal(entries.length, new Set(entries.map((e) => e.table)).size, 'one entry per table');
    for (const e of entries) {
      for (const field of ['purpose', 'retention', 'recipients'] as const)
        assert.ok(e[field].trim().length > 5, `${e.table}: ${field}`);
    }
  });

  it('lists every column that looks like personal data (or says why it is not)', () => {
    const forgotten = tables.flatMap((table) => {
      const entry = byTable.get(table.name);
      const said = new Set([...(entry?.personal ?? []), ...(entry?.notPersonal ?? [])]);
      return table.columns
        .filter((c) => personalLooking.test(c) && !said.has(c))
        .map((c) => `${table.name}.${c}`);
    });
    assert.deepEqual(forgotten, []);
    // The guard can fail: a table with an email column and no entry for it is caught.
    assert.ok(
      personalLooking.test('email') && personalLooking.test('holder_name') && !personalLooking.test('kind'),
    );
  });
});
