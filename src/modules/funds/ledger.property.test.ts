// The ledger against a model (issue 15): 10,000 random pledges, receipts, allocations, disbursements,
// reversals and replays, each through the domain's functions in its own transaction, accepted or refused as
// the model says; after each step the database's figures, read by SQL of this file, hold and equal the
// model's.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { buildInstitution } from '../../../tests/factories.ts';
import { engine, testDatabase } from '../../../tests/helpers.ts';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import type { Result } from '../../platform/result.ts';
import { recordPledge, recordReceipt } from './contributions.ts';
import type { MovementKind } from './funds.schema.ts';
import { createFund } from './funds.ts';
import { balancesOf } from './ledger.ts';
import { allocate, disburse, reverse } from './projects.ts';

const runs = 100;
const stepsPerRun = 100;
const organisations = 4;

/** An amount in cents, or a share (‰) of what the operation may take: the boundaries come up often. */
type Amount = { cents: number } | { permille: number };
type Operation =
  | { op: 'pledge'; org: number; cents: number }
  | { op: 'receipt'; org: number; cents: number }
  | { op: 'allocate'; amount: Amount }
  | { op: 'disburse'; allocation: number; amount: Amount }
  | { op: 'reverse'; group: number }
  | { op: 'replay'; movement: number };

const amount = (max: number) =>
  fc.oneof(
    fc.record({ cents: fc.integer({ min: 1, max }) }),
    fc.record({ permille: fc.integer({ min: 1, max: 1_100 }) }),
  );
const organisation = fc.integer({ min: 0, max: organisations - 1 });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('pledge'),
      org: organisation,
      cents: fc.integer({ min: 1, max: 500_000 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('receipt'),
      org: organisation,
      cents: fc.integer({ min: 1, max: 200_000 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('allocate'), amount: amount(150_000) }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('disburse'), allocation: fc.nat(), amount: amount(100_000) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('reverse'), group: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replay'), movement: fc.nat() }) },
) as fc.Arbitrary<Operation>;

const resolve = (a: Amount, of: number) =>
  'cents' in a ? a.cents : Math.max(1, Math.round((of * a.permille) / 1_000));

/** A movement as the domain answers it, whatever the function. */
type Answer = Result<{ groupId: string; created: boolean; allocationId?: string }>;

interface ModelGroup {
  id: string;
  kind: MovementKind;
  cents: number;
  allocationId?: string;
  reversed: boolean;
  /** Sends the same request again, with the same idempotency key. */
  again: () => Promise<Answer>;
}

/** What the rules say the figures are, kept apart from the database. */
class Model {
  pledged = 0;
  received = 0;
  disbursed = 0;
  groups: ModelGroup[] = [];
  allocations = new Map<string, { allocated: number; disbursed: number }>();
  allocationRows = 0;

  get committed() {
    let sum = 0;
    for (const a of this.allocations.values()) sum += a.allocated - a.disbursed;
    return sum;
  }
  get allocated() {
    let sum = 0;
    for (const a of this.allocations.values()) sum += a.allocated;
    return sum;
  }
  get available() {
    return this.received - this.disbursed - this.committed;
  }

  /** The refusal's code the rules give to reversing this group, or undefined when they accept it. */
  reversalRefusal(g: ModelGroup): string | undefined {
    if (g.kind === 'reversal') return 'cannot_reverse_reversal';
    if (g.reversed) return 'already_reversed';
    if (g.kind === 'allocation' && this.allocations.get(g.allocationId!)!.disbursed > 0)
      return 'allocation_paid';
    if (g.kind === 'receipt' && this.available - g.cents < 0) return 'insufficient_funds';
    return undefined;
  }

  reversed(g: ModelGroup) {
    g.reversed = true;
    if (g.kind === 'pledge') this.pledged -= g.cents;
    if (g.kind === 'receipt') this.received -= g.cents;
    if (g.kind === 'allocation') this.allocations.get(g.allocationId!)!.allocated -= g.cents;
    if (g.kind === 'disbursement') {
      this.allocations.get(g.allocationId!)!.disbursed -= g.cents;
      this.disbursed -= g.cents;
    }
  }
}

interface Figures {
  groups: number;
  allocationRows: number;
  unbalanced: number;
  pledged: number;
  received: number;
  disbursed: number;
  committed: number;
  bank: number;
  allocations: [string, number, number, number][];
}

/**
 * The fund's figures read from its lines, by kinds of movement rather than by the accounts' identities
 * that `balancesOf` relies on: disbursed is what payments took from the bank, less the payments reversed.
 */
async function figuresOf(executor: Executor, fundId: string): Promise<Figures> {
  const [row] = await queryRows<
    Record<keyof Figures, string | number> & { allocations: Figures['allocations'] }
  >(
    executor,
    sql`with g as (select id, kind, reverses_id from fund_ledger_groups where fund_id = ${fundId}),
      e as (
        select e.account, e.allocation_id, e.debit_cents as debit, e.credit_cents as credit, g.kind, r.kind as reverses
        from fund_ledger_entries e join g on g.id = e.group_id left join fund_ledger_groups r on r.id = g.reverses_id
      ),
      per_group as (
        select g.id, count(e.id) as lines, coalesce(sum(e.debit_cents), 0) as debit, coalesce(sum(e.credit_cents), 0) as credit
        from g left join fund_ledger_entries e on e.group_id = g.id group by g.id
      ),
      per_allocation as (
        select allocation_id,
          coalesce(sum(debit - credit) filter (where account = 'allocations'), 0) as allocated,
          coalesce(sum(debit) filter (where account = 'commitments' and kind = 'disbursement'), 0)
            - coalesce(sum(credit) filter (where account = 'commitments' and reverses = 'disbursement'), 0) as disbursed,
          coalesce(sum(credit - debit) filter (where account = 'commitments'), 0) as committed
        from e where allocation_id is not null group by allocation_id
      )
      select
        (select count(*) from g) as groups,
        (select count(*) from fund_allocations where fund_id = ${fundId}) as "allocationRows",
        (select count(*) from per_group where lines < 2 or debit <> credit) as unbalanced,
        (select coalesce(sum(credit - debit), 0) from e where account = 'pledges') as pledged,
        (select coalesce(sum(credit - debit), 0) from e where account = 'contributions') as received,
        (select coalesce(sum(credit) filter (where account = 'bank' and kind = 'disbursement'), 0)
          - coalesce(sum(debit) filter (where account = 'bank' and reverses = 'disbursement'), 0) from e) as disbursed,
        (select coalesce(sum(credit - debit), 0) from e where account = 'commitments') as committed,
        (select coalesce(sum(debit - credit), 0) from e where account = 'bank') as bank,
        (select coalesce(json_agg(json_build_array(allocation_id, allocated, disbursed, committed)), '[]'::json)
          from per_allocation) as allocations`,
  );
  const n = (key: Exclude<keyof Figures, 'allocations'>) => Number(row![key]);
  return {
    groups: n('groups'),
    allocationRows: n('allocationRows'),
    unbalanced: n('unbalanced'),
    pledged: n('pledged'),
    received: n('received'),
    disbursed: n('disbursed'),
    committed: n('committed'),
    bank: n('bank'),
    allocations: row!.allocations,
  };
}

describe('the ledger against a model', async () => {
  const { db } = await testDatabase({ after });
  const orgs: string[] = [];
  for (let i = 0; i < organisations; i++) orgs.push((await buildInstitution(db)).id);

  /** Checks the database's figures of the fund against the rules and the model, after a step. */
  async function check(fundId: string, model: Model, step: string) {
    const f = await figuresOf(db, fundId);
    assert.equal(f.unbalanced, 0, `${step}: every group balances`);
    const available = f.received - f.disbursed - f.committed;
    assert.equal(available, f.bank - f.committed, `${step}: available = received − disbursed − committed`);
    assert.ok(available >= 0, `${step}: disbursed + committed ≤ received`);
    for (const [id, allocated, disbursed, committed] of f.allocations) {
      assert.ok(disbursed >= 0 && disbursed <= allocated, `${step}: allocation ${id} paid within it`);
      assert.equal(committed, allocated - disbursed, `${step}: allocation ${id} owes what is unpaid`);
    }
    assert.deepEqual(
      {
        groups: f.groups,
        allocationRows: f.allocationRows,
        pledged: f.pledged,
        received: f.received,
        disbursed: f.disbursed,
        committed: f.committed,
        available,
        allocations: Object.fromEntries(
          f.allocations.map(([id, allocated, disbursed]) => [id, { allocated, disbursed }]),
        ),
      },
      {
        groups: model.groups.length,
        allocationRows: model.allocationRows,
        pledged: model.pledged,
        received: model.received,
        disbursed: model.disbursed,
        committed: model.committed,
        available: model.available,
        allocations: Object.fromEntries(model.allocations),
      },
      step,
    );
  }

  const inTransaction = (run: (tx: Executor) => Promise<Answer>) => db.transaction(run);
  const answer =
    <T>(read: (value: T) => { groupId: string; created: boolean; allocationId?: string }) =>
    (result: Result<T>): Answer =>
      result.ok ? { ok: true, value: read(result.value) } : result;

  /** Runs one operation on the fund and on the model; returns what happened, in words and in short. */
  async function apply(
    fundId: string,
    model: Model,
    o: Operation,
  ): Promise<{ step: string; outcome: string }> {
    const key = randomUUID();
    const allocationIds = [...model.allocations.keys()];
    let send: (() => Promise<Answer>) | undefined;
    let expected: string | undefined; // the refusal's code, or undefined for « accepted »
    let accepted: ((value: { groupId: string; allocationId?: string }) => void) | undefined;
    let cents = 0;
    let label: string;

    if (o.op === 'pledge' || o.op === 'receipt') {
      cents = o.cents;
      const organisationId = orgs[o.org]!;
      send =
        o.op === 'pledge'
          ? () =>
              inTransaction(async (tx) =>
                answer((v: { group: { id: string }; created: boolean }) => ({
                  groupId: v.group.id,
                  created: v.created,
                }))(
                  await recordPledge(
                    tx,
                    fundId,
                    { organisationId, amountCents: cents, idempotencyKey: key },
                    null,
                  ),
                ),
              )
          : () =>
              inTransaction(async (tx) =>
                answer((v: { receipt: { groupId: string }; created: boolean }) => ({
                  groupId: v.receipt.groupId,
                  created: v.created,
                }))(
                  await recordReceipt(
                    tx,
                    fundId,
                    {
                      organisationId,
                      amountCents: cents,
                      receivedOn: '2026-11-20',
                      reference: 'VIR',
                      idempotencyKey: key,
                    },
                    null,
                  ),
                ),
              );
      accepted = ({ groupId }) => {
        if (o.op === 'pledge') model.pledged += cents;
        else model.received += cents;
        model.groups.push({ id: groupId, kind: o.op, cents, reversed: false, again: send! });
      };
      label = `${o.op} ${cents}`;
    } else if (o.op === 'allocate') {
      cents = resolve(o.amount, model.available);
      send = () =>
        inTransaction(async (tx) =>
          answer((v: { group: { id: string }; created: boolean; allocation: { id: string } }) => ({
            groupId: v.group.id,
            created: v.created,
            allocationId: v.allocation.id,
          }))(
            await allocate(
              tx,
              fundId,
              {
                beneficiary: 'Mairie de Hué',
                purpose: 'Reconstruction',
                amountCents: cents,
                idempotencyKey: key,
              },
              null,
            ),
          ),
        );
      if (cents > model.available) expected = 'insufficient_funds';
      accepted = ({ groupId, allocationId }) => {
        model.allocations.set(allocationId!, { allocated: cents, disbursed: 0 });
        model.allocationRows += 1;
        model.groups.push({
          id: groupId,
          kind: 'allocation',
          cents,
          allocationId,
          reversed: false,
          again: send!,
        });
      };
      label = `allocate ${cents} of ${model.available}`;
    } else if (o.op === 'disburse') {
      // Without a project yet, a payment to one that does not exist.
      const allocationId = allocationIds.length
        ? allocationIds[o.allocation % allocationIds.length]!
        : randomUUID();
      const project = model.allocations.get(allocationId);
      const owed = project ? project.allocated - project.disbursed : 0;
      cents = resolve(o.amount, owed);
      send = () =>
        inTransaction(async (tx) =>
          answer((v: { group: { id: string }; created: boolean }) => ({
            groupId: v.group.id,
            created: v.created,
          }))(
            await disburse(
              tx,
              allocationId,
              { amountCents: cents, paidOn: '2026-11-25', reference: 'VIR', idempotencyKey: key },
              null,
            ),
          ),
        );
      expected = !project ? 'not_found' : cents > owed ? 'beyond_allocation' : undefined;
      accepted = ({ groupId }) => {
        project!.disbursed += cents;
        model.disbursed += cents;
        model.groups.push({
          id: groupId,
          kind: 'disbursement',
          cents,
          allocationId,
          reversed: false,
          again: send!,
        });
      };
      label = `disburse ${cents} of ${owed}`;
    } else {
      const replayable = model.groups;
      const target =
        replayable.length === 0
          ? undefined
          : replayable[(o.op === 'reverse' ? o.group : o.movement) % replayable.length]!;
      if (o.op === 'replay' && target) {
        // The same request again: the first answer, nothing recorded twice, whatever happened since.
        const again = await target.again();
        assert.ok(again.ok, `replay of ${target.kind}: ${again.ok ? '' : again.error.message}`);
        assert.equal(again.value.groupId, target.id);
        assert.equal(again.value.created, false);
        return { step: `replay ${target.kind}`, outcome: 'replay' };
      }
      const groupId = target?.id ?? randomUUID();
      send = () =>
        inTransaction(async (tx) =>
          answer((v: { group: { id: string }; created: boolean }) => ({
            groupId: v.group.id,
            created: v.created,
          }))(await reverse(tx, groupId, { reason: 'Erreur de saisie', idempotencyKey: key }, null)),
        );
      expected = target ? model.reversalRefusal(target) : 'not_found';
      accepted = ({ groupId: reversalId }) => {
        model.reversed(target!);
        model.groups.push({
          id: reversalId,
          kind: 'reversal',
          cents: target!.cents,
          reversed: false,
          again: send!,
        });
      };
      label = `reverse ${target?.kind ?? 'nothing'}`;
    }

    const result = await send();
    if (expected) {
      assert.ok(!result.ok, `${label}: should be refused (${expected})`);
      assert.equal(result.error.code, expected, `${label}: ${result.error.message}`);
    } else {
      assert.ok(
        result.ok,
        `${label}: should be accepted, refused with « ${result.ok ? '' : result.error.message} »`,
      );
      assert.equal(result.value.created, true);
      accepted(result.value);
    }
    return { step: `${label} → ${expected ?? 'accepted'}`, outcome: `${o.op} ${expected ?? 'accepted'}` };
  }

  it(`holds after each of ${runs * stepsPerRun} random movements (${runs} funds × ${stepsPerRun})`, async () => {
    const started = performance.now();
    const tally = new Map<string, number>();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: stepsPerRun, maxLength: stepsPerRun }),
        async (operations) => {
          const fund = await createFund(db, { name: `Fonds de propriété ${++run}` }, null);
          assert.ok(fund.ok);
          const model = new Model();
          for (const [i, o] of operations.entries()) {
            const { step, outcome } = await apply(fund.value.id, model, o);
            tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
            await check(fund.value.id, model, `step ${i + 1} (${step})`);
          }
          // What the platform shows, read its own way, is the same.
          const shown = await balancesOf(db, fund.value.id);
          assert.deepEqual(
            [
              shown.pledgedCents,
              shown.receivedCents,
              shown.allocatedCents,
              shown.disbursedCents,
              shown.availableCents,
            ],
            [model.pledged, model.received, model.allocated, model.disbursed, model.available],
          );
        },
      ),
      { numRuns: runs },
    );
    const seconds = (performance.now() - started) / 1_000;
    console.info(
      `${engine}: ${runs * stepsPerRun} steps in ${seconds.toFixed(1)} s`,
      Object.fromEntries(tally),
    );
  });
});
