import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../../tests/helpers.ts';
import { seedDemo } from '../../demo/seed.ts';
import { queryRows } from '../../platform/db/client.ts';
import { parisDate } from '../../platform/time.ts';
import { getEventsByIds } from '../events/events.ts';
import { isFromReference } from '../organisations/organisations.ts';
import { getPerson } from '../organisations/people.ts';
import { contributorsOf, receiptsOf } from './contributions.ts';
import { listFunds } from './funds.ts';
import { balancesOf } from './ledger.ts';
import { meetingIdsOf } from './meetings.ts';
import { decisionsOf, projectsOf } from './projects.ts';
import { reportsOf } from './reports.ts';

describe('the solidarity funds of the demo', async () => {
  const { db } = await testDatabase({ after });
  assert.equal(await seedDemo(db), true);
  const funds = await listFunds(db);
  const fund = (name: string) => {
    const found = funds.find((f) => f.name === name);
    assert.ok(found, `fonds ${name}`);
    return found;
  };

  it('has the seven funds of the newsletters', () => {
    assert.deepEqual(funds.map((f) => f.name).sort(), [
      'Gaza',
      'Haïti',
      'Liban',
      'Maroc',
      'Turquie',
      'Ukraine',
      'Vietnam',
    ]);
  });

  it('closed Ukraine in November 2025: 22 French local governments and CGLU, more than 380,000 €, projects in Ukraine, Moldova and Poland all paid', async () => {
    const ukraine = fund('Ukraine');
    assert.equal(ukraine.status, 'closed');
    assert.match(ukraine.closedOn ?? '', /^2025-11-/);
    const balances = await balancesOf(db, ukraine.id);
    assert.ok(balances.receivedCents > 38_000_000, `${balances.receivedCents} cents received`);
    assert.equal(balances.availableCents, 0);
    assert.equal(balances.committedCents, 0);
    assert.equal(balances.disbursedCents, balances.receivedCents);
    const contributors = (await contributorsOf(db, ukraine.id)).filter((c) => c.receivedCents > 0);
    assert.equal(contributors.filter((c) => isFromReference(c.organisation.kind)).length, 22);
    const others = contributors.filter((c) => !isFromReference(c.organisation.kind));
    assert.deepEqual(
      others.map((c) => [c.organisation.kind, c.organisation.name]),
      [['institution', 'Cités et gouvernements locaux unis (CGLU)']],
    );
    assert.ok(
      contributors.some((c) => !c.named),
      'a few contributors did not agree to be named',
    );
    assert.ok(contributors.filter((c) => c.named).length > contributors.length / 2, 'most agreed');
    const projects = await projectsOf(db, ukraine.id);
    assert.deepEqual([...new Set(projects.map((p) => p.country))].sort(), ['MD', 'PL', 'UA']);
    assert.deepEqual(
      projects.filter((p) => p.status !== 'paid').map((p) => p.beneficiary),
      [],
      'every project is paid',
    );
    const final = (await reportsOf(db, ukraine.id)).find((r) => r.kind === 'final');
    assert.ok(final?.publishedAt, 'the final report is published');
    assert.equal(final.reportedOn, ukraine.closedOn);
    assert.match(final.body, /22 collectivités françaises et de Cités et gouvernements locaux unis \(CGLU\)/);
    const meetings = await getEventsByIds(db, await meetingIdsOf(db, ukraine.id));
    assert.ok(meetings.length >= 3);
    assert.ok(meetings.every((e) => e.audience === 'fund_committee'));
  });

  it('keeps Gaza open, with the decisions of its committee of 7 November 2025, some paid, money still available', async () => {
    const gaza = fund('Gaza');
    assert.equal(gaza.status, 'open');
    const decisions = (await decisionsOf(db, gaza.id)).filter((d) => d.decidedOn === '2025-11-07');
    assert.ok(decisions.length >= 1);
    assert.ok(decisions.every((d) => d.adopted && d.quorumMet));
    const meetings = await getEventsByIds(db, await meetingIdsOf(db, gaza.id));
    const committee = meetings.find((e) => parisDate(e.startsAt) === '2025-11-07');
    assert.ok(committee, 'the meeting of 7 November is linked to the fund');
    assert.ok(decisions.every((d) => d.eventId === committee.id));
    const balances = await balancesOf(db, gaza.id);
    assert.ok(balances.disbursedCents > 0);
    assert.ok(balances.availableCents > 0);
  });

  it('gave Vietnam its first committee recently, and shows a receipt recorded twice and reversed', async () => {
    const vietnam = fund('Vietnam');
    assert.equal(vietnam.status, 'open');
    const decisions = await decisionsOf(db, vietnam.id);
    assert.ok(decisions.length >= 1);
    const monthAgo = parisDate(new Date(Date.now() - 31 * 86_400_000));
    assert.ok(decisions.every((d) => d.decidedOn >= monthAgo));
    const reversed = (await receiptsOf(db, { fundId: vietnam.id })).filter((r) => r.reversedOn);
    assert.equal(reversed.length, 1);
    const [reversal] = await queryRows<{ reason: string }>(
      db,
      sql`select reason from fund_ledger_groups where kind = 'reversal' and reverses_id = ${reversed[0]!.groupId}`,
    );
    assert.match(reversal?.reason ?? '', /deux fois/);
  });

  it('gives every fund projects and published reports, and some funds a draft', async () => {
    let drafts = 0;
    for (const f of funds) {
      assert.ok((await projectsOf(db, f.id)).length > 0, `${f.name} has projects`);
      const reports = await reportsOf(db, f.id, true);
      assert.ok(
        reports.some((r) => r.kind === 'progress' && r.publishedAt),
        `${f.name} has a published point d’étape`,
      );
      drafts += reports.filter((r) => !r.publishedAt).length;
    }
    assert.ok(drafts >= 3, `${drafts} drafts`);
  });

  it('gives each contributor with people in the demo a voter of its own', async () => {
    for (const f of funds) {
      for (const c of await contributorsOf(db, f.id)) {
        const [{ n }] = (await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from people where organisation_id = ${c.organisation.id}`,
        )) as [{ n: number }];
        if (n === 0) continue;
        assert.ok(c.voterId, `${c.organisation.name} votes in ${f.name}`);
        assert.equal((await getPerson(db, c.voterId))?.organisationId, c.organisation.id);
      }
    }
  });

  it('balances every fund’s ledger: each movement, and available = received − disbursed − committed', async () => {
    const unbalanced = await queryRows<{ id: string }>(
      db,
      sql`select group_id as id from fund_ledger_entries group by group_id
          having sum(debit_cents) <> sum(credit_cents) or count(*) < 2`,
    );
    assert.deepEqual(unbalanced, []);
    for (const f of funds) {
      const b = await balancesOf(db, f.id);
      assert.equal(b.availableCents, b.receivedCents - b.disbursedCents - b.committedCents, f.name);
      assert.ok(b.availableCents >= 0 && b.committedCents >= 0, f.name);
      for (const p of await projectsOf(db, f.id))
        assert.ok(p.disbursedCents <= p.allocatedCents, `${f.name} : ${p.beneficiary}`);
    }
  });
});
