// The ledger's rules held by the database itself (migration 0028), on PGlite and on PostgreSQL: its rows are
// never changed nor removed, and a movement whose lines do not balance is refused at commit.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { type SQL, sql } from 'drizzle-orm';
import { buildInstitution } from '../../../tests/factories.ts';
import { testDatabase } from '../../../tests/helpers.ts';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import { recordPledge, recordReceipt } from './contributions.ts';
import { createFund } from './funds.ts';

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The messages and SQLSTATEs of an error and of the errors it wraps (drizzle wraps the driver's). */
function chainOf(error: unknown) {
  const messages: string[] = [];
  const codes: string[] = [];
  for (
    let e = error as { message?: string; code?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.message) messages.push(e.message);
    if (e.code) codes.push(e.code);
  }
  return { message: messages.join(' ← '), codes };
}

const ledgerTables = ['fund_ledger_groups', 'fund_ledger_entries', 'fund_receipts'] as const;
type LedgerTable = (typeof ledgerTables)[number];

describe('the funds ledger in the database', async () => {
  const { db } = await testDatabase({ after });
  const town = await buildInstitution(db);
  const fund = expectOk(await createFund(db, { name: 'Fonds Ukraine (tests du grand livre)' }, null));
  expectOk(
    await db.transaction((tx) =>
      recordPledge(
        tx,
        fund.id,
        { organisationId: town.id, amountCents: 500_000, decisionReference: 'Délibération n° 2026-12' },
        null,
      ),
    ),
  );
  const receipt = expectOk(
    await db.transaction((tx) =>
      recordReceipt(
        tx,
        fund.id,
        {
          organisationId: town.id,
          amountCents: 250_000,
          receivedOn: '2026-11-20',
          reference: 'VIR 2026-4471',
        },
        null,
      ),
    ),
  ).receipt;
  const groupId = receipt.groupId;

  const countsOf = async (executor: Executor = db) => {
    const counts = {} as Record<LedgerTable, number>;
    for (const table of ledgerTables)
      counts[table] = Number(
        (
          await queryRows<{ n: string }>(executor, sql`select count(*) as n from ${sql.identifier(table)}`)
        )[0]!.n,
      );
    return counts;
  };
  const present = await countsOf();

  /** What a statement returns with the named triggers disabled, everything rolled back afterwards. */
  async function withoutTriggers<T>(triggers: [LedgerTable, string][], run: (tx: Executor) => Promise<T>) {
    const rollback = Symbol('rollback');
    let value: T | undefined;
    await db
      .transaction(async (tx) => {
        for (const [table, trigger] of triggers)
          await tx.execute(
            sql`alter table ${sql.identifier(table)} disable trigger ${sql.identifier(trigger)}`,
          );
        value = await run(tx);
        throw rollback;
      })
      .catch((error) => {
        if (error !== rollback) throw error;
      });
    return value as T;
  }

  async function assertRefused(statement: SQL, operation: string) {
    const error = await db.execute(statement).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error, `${operation} should have been refused`);
    assert.match(
      chainOf(error).message,
      new RegExp(`le grand livre des fonds ne se modifie pas \\(${operation}`),
    );
  }

  const changes: Record<LedgerTable, { update: SQL; delete: SQL; before?: SQL[] }> = {
    fund_ledger_groups: {
      update: sql`update fund_ledger_groups set reference = 'VIR corrigé' where id = ${groupId} returning id`,
      // Its lines and its receipt first: the foreign keys would refuse the deletion otherwise.
      before: [
        sql`delete from fund_receipts where group_id = ${groupId}`,
        sql`delete from fund_ledger_entries where group_id = ${groupId}`,
      ],
      delete: sql`delete from fund_ledger_groups where id = ${groupId} returning id`,
    },
    fund_ledger_entries: {
      // The threat: an amount changed afterwards unbalances the movement (the balance is checked on insert).
      update: sql`update fund_ledger_entries set debit_cents = debit_cents * 2 where group_id = ${groupId} and debit_cents > 0 returning id`,
      delete: sql`delete from fund_ledger_entries where group_id = ${groupId} returning id`,
    },
    fund_receipts: {
      update: sql`update fund_receipts set number = number + 1000 where group_id = ${groupId} returning group_id`,
      delete: sql`delete from fund_receipts where group_id = ${groupId} returning group_id`,
    },
  };
  const appendOnly = ledgerTables.map((table): [LedgerTable, string] => [table, `${table}_append_only`]);
  const noTruncate = ledgerTables.map((table): [LedgerTable, string] => [table, `${table}_no_truncate`]);

  it('starts from rows in the three tables (a row trigger fires only on a row)', () => {
    for (const table of ledgerTables) assert.ok(present[table] > 0, table);
  });

  for (const table of ledgerTables) {
    it(`refuses UPDATE on ${table}, which would otherwise change its rows`, async () => {
      const changed = await withoutTriggers(appendOnly, (tx) => queryRows(tx, changes[table].update));
      assert.ok(changed.length > 0);
      await assertRefused(changes[table].update, 'UPDATE');
      assert.deepEqual(await countsOf(), present);
    });

    it(`refuses DELETE on ${table}, which would otherwise remove its rows`, async () => {
      const removed = await withoutTriggers(appendOnly, async (tx) => {
        for (const statement of changes[table].before ?? []) await tx.execute(statement);
        return queryRows(tx, changes[table].delete);
      });
      assert.ok(removed.length > 0);
      await assertRefused(changes[table].delete, 'DELETE');
      assert.deepEqual(await countsOf(), present);
    });

    it(`refuses TRUNCATE on ${table}, which would otherwise empty it`, async () => {
      // The groups are named by the lines and the receipts: only CASCADE gets past the foreign keys' check
      // (made before the triggers) and reaches the trigger.
      const truncate = sql.raw(`truncate ${table}${table === 'fund_ledger_groups' ? ' cascade' : ''}`);
      const left = await withoutTriggers(noTruncate, async (tx) => {
        await tx.execute(truncate);
        return countsOf(tx);
      });
      assert.equal(left[table], 0);
      await assertRefused(truncate, 'TRUNCATE');
      assert.deepEqual(await countsOf(), present);
    });
  }

  it('leaves the movement as it was recorded', async () => {
    const [group] = await queryRows<{ reference: string; number: number; debit: string }>(
      db,
      sql`select g.reference, r.number, (select sum(debit_cents) from fund_ledger_entries e where e.group_id = g.id) as debit
          from fund_ledger_groups g join fund_receipts r on r.group_id = g.id where g.id = ${groupId}`,
    );
    assert.deepEqual(
      { ...group, debit: Number(group!.debit) },
      {
        reference: 'VIR 2026-4471',
        number: Number(receipt.number.slice(5)),
        debit: 250_000,
      },
    );
  });

  describe('a movement balances, checked at commit', () => {
    /**
     * Writes a receipt's group and its lines by hand, each line [debit, credit] in cents, in one transaction.
     * Returns whether the statements passed (the commit may still refuse) and the error of the transaction.
     */
    async function writeByHand(lines: [number, number][], group = randomUUID()) {
      let statementsPassed = false;
      const error = await db
        .transaction(async (tx) => {
          await tx.execute(sql`insert into fund_ledger_groups (id, fund_id, kind, occurred_on, idempotency_key)
            values (${group}, ${fund.id}, 'receipt', '2026-11-30', ${randomUUID()}) on conflict (id) do nothing`);
          const [{ n }] = (await queryRows<{ n: number }>(
            tx,
            sql`select coalesce(max(line), 0)::int as n from fund_ledger_entries where group_id = ${group}`,
          )) as [{ n: number }];
          for (const [i, [debit, credit]] of lines.entries())
            await tx.execute(sql`insert into fund_ledger_entries (group_id, line, account, organisation_id, debit_cents, credit_cents)
              values (${group}, ${n + i + 1}, ${debit ? 'bank' : 'contributions'}, ${debit ? null : town.id}, ${debit}, ${credit})`);
          statementsPassed = true;
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      return { statementsPassed, error, group };
    }

    const linesOf = async (group: string) =>
      Number(
        (
          await queryRows<{ n: string }>(
            db,
            sql`select count(*) as n from fund_ledger_entries where group_id = ${group}`,
          )
        )[0]!.n,
      );
    const groupExists = async (group: string) =>
      (await queryRows(db, sql`select 1 from fund_ledger_groups where id = ${group}`)).length === 1;

    const cases: [string, [number, number][], RegExp][] = [
      [
        'debit 100, credit 90',
        [
          [100, 0],
          [0, 90],
        ],
        /2 ligne\(s\), débit 100 centimes, crédit 90 centimes/,
      ],
      ['one line only', [[100, 0]], /1 ligne\(s\), débit 100 centimes, crédit 0 centimes/],
      ['no line at all', [], /0 ligne\(s\), débit 0 centimes, crédit 0 centimes/],
    ];
    for (const [name, lines, figures] of cases)
      it(`refuses a group written by hand with ${name} at COMMIT, and nothing of it stays`, async () => {
        const before = await countsOf();
        const { statementsPassed, error, group } = await writeByHand(lines);
        assert.ok(statementsPassed, 'each statement passes: the balance is checked at commit');
        assert.ok(error, 'the commit should have been refused');
        const { message, codes } = chainOf(error);
        assert.match(message, /mouvement [0-9a-f-]{36} déséquilibré/);
        assert.match(message, figures);
        assert.ok(codes.includes('23514'), codes.join());
        assert.equal(await groupExists(group), false);
        assert.equal(await linesOf(group), 0);
        assert.deepEqual(await countsOf(), before);
      });

    it('accepts a balanced group written by hand (the control), and refuses a line added to it later', async () => {
      const before = await countsOf();
      const balanced = await writeByHand([
        [100, 0],
        [0, 100],
      ]);
      assert.equal(balanced.error, undefined);
      assert.ok(await groupExists(balanced.group));
      assert.equal(await linesOf(balanced.group), 2);
      const added = await writeByHand([[5, 0]], balanced.group);
      assert.ok(added.statementsPassed);
      assert.match(chainOf(added.error).message, /3 ligne\(s\), débit 105 centimes, crédit 100 centimes/);
      assert.equal(await linesOf(balanced.group), 2);
      assert.deepEqual(await countsOf(), {
        ...before,
        fund_ledger_groups: before.fund_ledger_groups + 1,
        fund_ledger_entries: before.fund_ledger_entries + 2,
      });
    });
  });
});
