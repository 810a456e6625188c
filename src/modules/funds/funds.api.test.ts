// The solidarity funds' API as issue 15 fixes it, through Bearer tokens; and what holds when requests come
// at once: receipts numbered without gaps, a key sent twice recorded once, two allocations never spending
// the same euros (each with its control on PostgreSQL, proving the test would see the race).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildInstitution,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
} from '../../../tests/factories.ts';
import { engine, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { formatCents } from '../../platform/money.ts';
import { parisYear } from '../../platform/time.ts';
import { recordReceipt } from './contributions.ts';
import { allocations } from './funds.schema.ts';
import { balancesOf, lockOpenFund, post } from './ledger.ts';
import { allocate } from './projects.ts';

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const year = parisYear();
const tables = [
  'fund_ledger_groups',
  'fund_ledger_entries',
  'fund_receipts',
  'fund_allocations',
  'fund_contributors',
];

describe('the solidarity funds’ API', async () => {
  const { app, db } = await testApp({ after });
  const staffAuth = await bearer(db, await buildStaff(db));
  const nancy = await buildLocalGovernment(db);
  const officerAuth = await bearer(db, await buildOfficer(db, nancy.id, true));
  const cglu = await buildInstitution(db, 'CGLU');
  const call = (method: 'GET' | 'POST', url: string, payload?: object, headers = staffAuth) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  const newFund = async (name = `Fonds Ukraine ${randomUUID().slice(0, 8)}`) => {
    const created = await call('POST', '/api/v1/funds', {
      name,
      cause: 'Guerre en Ukraine',
      countries: ['ua', 'MD', 'PL'],
    });
    assert.equal(created.statusCode, 201, created.body);
    return (created.json() as { id: string }).id;
  };
  const figures = async (id: string) => {
    const read = await call('GET', `/api/v1/funds/${id}`);
    assert.equal(read.statusCode, 200, read.body);
    return read.json() as Record<string, unknown>;
  };
  const receive = (fundId: string, amountCents: number, extra: object = {}) =>
    call('POST', `/api/v1/funds/${fundId}/receipts`, {
      organisationId: nancy.id,
      amountCents,
      receivedOn: '2026-11-20',
      reference: 'VIR SEPA 2026-4471',
      ...extra,
    });
  /** A fund holding `cents` received, ready to allocate. */
  const fundWith = async (cents: number) => {
    const id = await newFund();
    assert.equal((await receive(id, cents)).statusCode, 201);
    return id;
  };
  const allocateBy = (fundId: string, amountCents: number) =>
    call('POST', `/api/v1/funds/${fundId}/allocations`, {
      beneficiary: 'Ville de Boutcha',
      purpose: 'Chauffage de l’école n° 3',
      amountCents,
      country: 'UA',
    });
  const disburseBy = (allocationId: string, amountCents: number) =>
    call('POST', `/api/v1/allocations/${allocationId}/disbursements`, {
      amountCents,
      paidOn: '2026-11-25',
      reference: 'VIR 2026-0912',
    });
  const counts = async () => {
    const counted: Record<string, number> = {};
    for (const table of tables)
      counted[table] = Number(
        (await queryRows<{ n: string }>(db, sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n,
      );
    return counted;
  };
  const receiptNumbers = async () =>
    (
      await queryRows<{ number: number }>(
        db,
        sql`select number from fund_receipts where year = ${year} order by number`,
      )
    ).map((r) => Number(r.number));

  it('opens a fund (201 with its id) and reads it with exactly the fields the issue lists', async () => {
    const id = await newFund('Fonds Vietnam — typhon Yagi');
    const fund = await figures(id);
    assert.deepEqual(fund, {
      id,
      name: 'Fonds Vietnam — typhon Yagi',
      status: 'open',
      pledgedCents: 0,
      receivedCents: 0,
      allocatedCents: 0,
      disbursedCents: 0,
      availableCents: 0,
      contributors: 0,
    });
    const listed = (await call('GET', '/api/v1/funds?status=open')).json() as { items: { id: string }[] };
    assert.ok(listed.items.some((f) => f.id === id));
    const missing = await call('GET', `/api/v1/funds/${randomUUID()}`);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.message, 'Ce fonds n’existe pas.');
  });

  it('records a pledge and receipts (201, a receipt number), and counts them in the fund’s figures', async () => {
    const id = await newFund();
    const pledge = await call('POST', `/api/v1/funds/${id}/pledges`, {
      organisationId: nancy.id,
      amountCents: 1_500_000,
      decisionReference: 'Délibération n° 2026-114',
    });
    assert.equal(pledge.statusCode, 201, pledge.body);
    assert.equal(pledge.json().kind, 'pledge');
    const first = await receive(id, 1_000_000);
    assert.equal(first.statusCode, 201, first.body);
    assert.match(first.json().receiptNumber, new RegExp(`^${year}-\\d{4}$`));
    assert.deepEqual(
      { organisationId: first.json().organisationId, amountCents: first.json().amountCents },
      { organisationId: nancy.id, amountCents: 1_000_000 },
    );
    // A transfer may come before any pledge.
    const unpledged = await call('POST', `/api/v1/funds/${id}/receipts`, {
      organisationId: cglu.id,
      amountCents: 250_000,
      receivedOn: '2026-11-21',
      reference: 'VIR CGLU',
    });
    assert.equal(unpledged.statusCode, 201, unpledged.body);
    const numbers = [first, unpledged].map((r) => Number((r.json().receiptNumber as string).slice(5)));
    assert.equal(numbers[1], numbers[0]! + 1);
    assert.deepEqual(await figures(id), {
      id,
      name: (await figures(id)).name,
      status: 'open',
      pledgedCents: 1_500_000,
      receivedCents: 1_250_000,
      allocatedCents: 0,
      disbursedCents: 0,
      availableCents: 1_250_000,
      contributors: 2,
    });
  });

  it('answers 200 with the same receipt to the same idempotencyKey, and records nothing twice', async () => {
    const id = await newFund();
    const idempotencyKey = randomUUID();
    const first = await receive(id, 40_000, { idempotencyKey });
    assert.equal(first.statusCode, 201, first.body);
    const before = await counts();
    const again = await receive(id, 40_000, { idempotencyKey });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json(), first.json());
    assert.deepEqual(await counts(), before);
    assert.equal((await figures(id)).receivedCents, 40_000);
    // The key of this receipt cannot name a pledge: a conflict, in French, and nothing written.
    const misused = await call('POST', `/api/v1/funds/${id}/pledges`, {
      organisationId: nancy.id,
      amountCents: 40_000,
      idempotencyKey,
    });
    assert.equal(misused.statusCode, 409);
    assert.match(
      misused.json().error.message,
      /Cette clé d’idempotence a déjà servi pour un autre mouvement/,
    );
    assert.deepEqual(await counts(), before);
  });

  it('records once the same idempotencyKey sent twice at once', async () => {
    const id = await newFund();
    const idempotencyKey = randomUUID();
    const before = await counts();
    const both = await Promise.all([
      receive(id, 75_000, { idempotencyKey }),
      receive(id, 75_000, { idempotencyKey }),
    ]);
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 201], both.map((r) => r.body).join('\n'));
    assert.equal(both[0]!.json().receiptNumber, both[1]!.json().receiptNumber);
    const after = await counts();
    assert.equal(after.fund_ledger_groups, before.fund_ledger_groups! + 1);
    assert.equal(after.fund_receipts, before.fund_receipts! + 1);
    assert.equal((await figures(id)).receivedCents, 75_000);
  });

  it('refuses an allocation beyond the available balance: 422 insufficient_funds with the figures, nothing written', async () => {
    const id = await fundWith(100_000);
    const allocated = await allocateBy(id, 30_000);
    assert.equal(allocated.statusCode, 201, allocated.body);
    assert.match(allocated.json().allocationId, /^[0-9a-f-]{36}$/);
    assert.equal((await disburseBy(allocated.json().allocationId, 10_000)).statusCode, 201);
    const before = await counts();
    const beyond = await allocateBy(id, 70_001);
    assert.equal(beyond.statusCode, 422, beyond.body);
    assert.equal(beyond.json().error.code, 'insufficient_funds');
    assert.equal(
      beyond.json().error.message,
      `Affectation de ${formatCents(70_001)} refusée : le fonds n’a que ${formatCents(70_000)} disponibles (${formatCents(100_000)} reçus, moins ${formatCents(10_000)} versés et ${formatCents(20_000)} déjà affectés restant à verser).`,
    );
    assert.deepEqual(await counts(), before);
    assert.equal((await allocateBy(id, 70_000)).statusCode, 201);
    assert.equal((await figures(id)).availableCents, 0);
  });

  it('pays an allocation (201), never beyond it: 422 with the figures, nothing written', async () => {
    const id = await fundWith(500_000);
    const { allocationId } = (await allocateBy(id, 200_000)).json() as { allocationId: string };
    const paid = await disburseBy(allocationId, 150_000);
    assert.equal(paid.statusCode, 201, paid.body);
    assert.equal(paid.json().kind, 'disbursement');
    const before = await counts();
    const beyond = await disburseBy(allocationId, 50_001);
    assert.equal(beyond.statusCode, 422, beyond.body);
    assert.equal(beyond.json().error.code, 'beyond_allocation');
    assert.equal(
      beyond.json().error.message,
      `Paiement de ${formatCents(50_001)} refusé : il reste ${formatCents(50_000)} à verser sur les ${formatCents(200_000)} affectés à ce projet.`,
    );
    assert.deepEqual(await counts(), before);
    const unknown = await disburseBy(randomUUID(), 1_000);
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.message, 'Ce projet n’existe pas dans ce fonds.');
    assert.deepEqual(
      { ...(await figures(id)), id: undefined, name: undefined },
      {
        id: undefined,
        name: undefined,
        status: 'open',
        pledgedCents: 0,
        receivedCents: 500_000,
        allocatedCents: 200_000,
        disbursedCents: 150_000,
        availableCents: 300_000,
        contributors: 1,
      },
    );
  });

  it('reverses a movement (201, naming it), then refuses to reverse it again (409)', async () => {
    const id = await newFund();
    const receipt = (await receive(id, 80_000)).json() as { id: string };
    const reversed = await call('POST', `/api/v1/ledger/${receipt.id}/reversal`, {
      reason: 'Virement reçu en double',
    });
    assert.equal(reversed.statusCode, 201, reversed.body);
    assert.deepEqual(
      { kind: reversed.json().kind, reversesId: reversed.json().reversesId },
      { kind: 'reversal', reversesId: receipt.id },
    );
    assert.equal((await figures(id)).receivedCents, 0);
    const before = await counts();
    const again = await call('POST', `/api/v1/ledger/${receipt.id}/reversal`, { reason: 'Encore' });
    assert.equal(again.statusCode, 409, again.body);
    assert.deepEqual(again.json().error, {
      code: 'already_reversed',
      message: 'Ce mouvement a déjà été contre-passé.',
    });
    const ofReversal = await call('POST', `/api/v1/ledger/${reversed.json().id}/reversal`, {
      reason: 'Erreur',
    });
    assert.equal(ofReversal.statusCode, 422);
    assert.equal(ofReversal.json().error.code, 'cannot_reverse_reversal');
    assert.deepEqual(await counts(), before);
  });

  it('closes a settled fund (200), after which every movement is a 422 fund_closed and nothing is written', async () => {
    const id = await fundWith(120_000);
    const { allocationId } = (await allocateBy(id, 120_000)).json() as { allocationId: string };
    const refused = await call('POST', `/api/v1/funds/${id}/close`, {});
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(refused.json().error.code, 'not_settled');
    assert.match(
      refused.json().error.message,
      new RegExp(
        `${formatCents(0)} restent disponibles et ${formatCents(120_000)} affectés restent à verser`,
      ),
    );
    const paid = (await disburseBy(allocationId, 120_000)).json() as { id: string };
    const closed = await call('POST', `/api/v1/funds/${id}/close`, {});
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().status, 'closed');
    assert.equal((await figures(id)).status, 'closed');

    const before = await counts();
    const movements = {
      pledge: await call('POST', `/api/v1/funds/${id}/pledges`, {
        organisationId: nancy.id,
        amountCents: 1_000,
      }),
      receipt: await receive(id, 1_000),
      allocation: await allocateBy(id, 1_000),
      disbursement: await disburseBy(allocationId, 1_000),
      reversal: await call('POST', `/api/v1/ledger/${paid.id}/reversal`, { reason: 'Erreur' }),
      closure: await call('POST', `/api/v1/funds/${id}/close`, {}),
    };
    for (const [movement, refusal] of Object.entries(movements)) {
      assert.equal(refusal.statusCode, 422, `${movement}: ${refusal.body}`);
      assert.equal(refusal.json().error.code, 'fund_closed');
      assert.match(
        refusal.json().error.message,
        /est clôturé : plus aucun mouvement ne peut y être enregistré\./,
      );
    }
    assert.deepEqual(await counts(), before);
  });

  it('refuses bad input in French (400) and non-staff (403), writing nothing', async () => {
    const id = await fundWith(10_000);
    const before = await counts();
    const bad = await call('POST', `/api/v1/funds/${id}/receipts`, {
      organisationId: nancy.id,
      amountCents: 12.5,
      receivedOn: '2026-02-30',
      reference: 'VIR',
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(
      bad.json().error.fields.amountCents,
      'Montant attendu en centimes : un nombre entier positif (150000 pour 1 500 €).',
    );
    assert.ok(bad.json().error.fields.receivedOn);
    const unknownOrganisation = await receive(id, 1_000, { organisationId: randomUUID() });
    assert.equal(unknownOrganisation.statusCode, 422);
    assert.equal(unknownOrganisation.json().error.message, 'Cette organisation n’existe pas.');
    const notStaff = await call(
      'POST',
      `/api/v1/funds/${id}/allocations`,
      { beneficiary: 'X', purpose: 'Y', amountCents: 1_000 },
      officerAuth,
    );
    assert.equal(notStaff.statusCode, 403);
    assert.equal(notStaff.json().error.message, 'Vous n’avez pas le droit de faire cela.');
    assert.deepEqual(await counts(), before);
    assert.equal((await call('GET', `/api/v1/funds/${id}`, undefined, officerAuth)).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: `/api/v1/funds/${id}` })).statusCode, 401);
  });

  describe('receipts numbered without gaps, at once', () => {
    it('gives N receipts sent at once to N funds N distinct consecutive numbers', async () => {
      const funds = await Promise.all(Array.from({ length: 8 }, () => newFund()));
      const sent = await Promise.all(funds.map((id) => receive(id, 10_000)));
      assert.deepEqual(
        sent.map((r) => r.statusCode),
        funds.map(() => 201),
      );
      const numbers = sent
        .map((r) => Number((r.json().receiptNumber as string).slice(5)))
        .sort((a, b) => a - b);
      assert.deepEqual(
        numbers,
        numbers.map((_, i) => numbers[0]! + i),
      );
    });

    // Each transaction stays open a while after taking its number, as a slow one would: the others wait
    // for the year's row of the sequence, then take the next numbers.
    it('holds when each transaction stays open after taking its number, and a receipt rolled back leaves no gap', async () => {
      const funds = await Promise.all(Array.from({ length: 6 }, () => newFund()));
      const numbered = await Promise.all(
        funds.map((fundId) =>
          db.transaction(async (tx) => {
            const { receipt } = expectOk(
              await recordReceipt(
                tx,
                fundId,
                { organisationId: nancy.id, amountCents: 5_000, receivedOn: '2026-11-20', reference: 'VIR' },
                null,
              ),
            );
            await delay(150);
            return Number(receipt.number.slice(5));
          }),
        ),
      );
      const sorted = numbered.toSorted((a, b) => a - b);
      assert.deepEqual(
        sorted,
        sorted.map((_, i) => sorted[0]! + i),
      );
      const rollback = new Error('rolled back');
      await assert.rejects(
        db.transaction(async (tx) => {
          expectOk(
            await recordReceipt(
              tx,
              funds[0]!,
              { organisationId: nancy.id, amountCents: 5_000, receivedOn: '2026-11-20', reference: 'VIR' },
              null,
            ),
          );
          throw rollback;
        }),
        rollback,
      );
      const next = (await receive(funds[0]!, 5_000)).json() as { receiptNumber: string };
      assert.equal(Number(next.receiptNumber.slice(5)), sorted.at(-1)! + 1);
      const all = await receiptNumbers();
      assert.deepEqual(
        all,
        all.map((_, i) => i + 1),
        'the year’s numbers run from 1 without a gap',
      );
    });

    // The control of the test above: the same receipts numbered by reading the year's highest number, without
    // the sequence's row lock, collide (the unique index refuses all but one). In a year of their own, so as
    // not to take the numbers of the real sequence. PGlite runs one transaction at a time: no race there.
    it('control: numbered by max(number) + 1 without the lock, receipts at once collide', {
      skip: engine === 'pglite' ? 'PGlite runs one transaction at a time' : false,
    }, async () => {
      const funds = await Promise.all(Array.from({ length: 6 }, () => newFund()));
      const naive = (fundId: string) =>
        db.transaction(async (tx) => {
          expectOk(await lockOpenFund(tx, fundId));
          const { group } = expectOk(
            await post(tx, fundId, { kind: 'receipt', occurredOn: '1999-11-20', reference: 'VIR' }, [
              { account: 'bank', debitCents: 5_000 },
              { account: 'contributions', creditCents: 5_000, organisationId: nancy.id },
            ]),
          );
          const [{ next }] = (await queryRows<{ next: number }>(
            tx,
            sql`select coalesce(max(number), 0) + 1 as next from fund_receipts where year = 1999`,
          )) as [{ next: number }];
          await tx.execute(
            sql`insert into fund_receipts (group_id, year, number) values (${group.id}, 1999, ${next})`,
          );
          await delay(150);
        });
      const settled = await Promise.allSettled(funds.map(naive));
      const refused = settled.filter((s) => s.status === 'rejected');
      assert.ok(refused.length > 0, 'receipts at once would share a number');
      for (const r of refused) assert.ok(isUniqueViolation(r.reason), String(r.reason));
    });
  });

  describe('two allocations at once', () => {
    // Each stays open a while after its allocation, as a slow transaction would.
    const slowly = async <T>(run: () => Promise<T>) => {
      const value = await run();
      await delay(200);
      return value;
    };
    const project = { beneficiary: 'Commune de Hué', purpose: 'Digues', amountCents: 60_000 };

    it('never spend the same euros: one is refused (the fund’s row lock), available stays ≥ 0', async () => {
      const id = await fundWith(100_000);
      const results = await Promise.all(
        [1, 2].map(() => db.transaction((tx) => slowly(() => allocate(tx, id, project, null)))),
      );
      assert.equal(results.filter((r) => r.ok).length, 1);
      const refused = results.find((r) => !r.ok);
      assert.ok(refused && !refused.ok);
      assert.equal(refused.error.code, 'insufficient_funds');
      assert.equal((await balancesOf(db, id)).availableCents, 40_000);
    });

    // The control of the test above: the same allocations checked against the balance without the fund's row
    // lock both pass, and the fund allocates more than it holds.
    it('control: without the fund’s lock, both pass and available goes below zero', {
      skip: engine === 'pglite' ? 'PGlite runs one transaction at a time' : false,
    }, async () => {
      const id = await fundWith(100_000);
      const unlocked = () =>
        db.transaction((tx) =>
          slowly(async () => {
            const balances = await balancesOf(tx, id);
            if (project.amountCents > balances.availableCents) return false;
            const [allocation] = await tx
              .insert(allocations)
              .values({ fundId: id, ...project })
              .returning();
            expectOk(
              await post(tx, id, { kind: 'allocation', occurredOn: '2026-11-30' }, [
                { account: 'allocations', debitCents: project.amountCents, allocationId: allocation!.id },
                { account: 'commitments', creditCents: project.amountCents, allocationId: allocation!.id },
              ]),
            );
            return true;
          }),
        );
      assert.deepEqual(await Promise.all([unlocked(), unlocked()]), [true, true]);
      assert.equal((await balancesOf(db, id)).availableCents, -20_000);
    });

    // Two funds do not lock each other: the second waits on the key's unique index, then finds it taken.
    it('with the same idempotencyKey on two funds: one is a 409, and it leaves no project behind', async () => {
      const funds = [await fundWith(100_000), await fundWith(100_000)];
      const idempotencyKey = randomUUID();
      const results = await Promise.all(
        funds.map((id) =>
          db.transaction((tx) => slowly(() => allocate(tx, id, { ...project, idempotencyKey }, null))),
        ),
      );
      const refused = results.find((r) => !r.ok);
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.ok(refused && !refused.ok);
      assert.equal(refused.error.code, 'idempotency_conflict');
      const projects = await queryRows<{ fund_id: string }>(
        db,
        sql`select fund_id from fund_allocations where fund_id in (${funds[0]}, ${funds[1]})`,
      );
      assert.equal(projects.length, 1);
    });
  });
});
