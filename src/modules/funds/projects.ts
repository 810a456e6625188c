// How a fund's money is used: the donors committee's decisions, the allocations to projects, the payments
// against them, the reversals that correct a mistake, and the closure that freezes the fund.
import { asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { formatCents } from '../../platform/money.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisDate } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { contributorsOf } from './contributions.ts';
import { fundsMessages as m } from './funds.messages.ts';
import { allocations, decisions, fundReports } from './funds.schema.ts';
import { cents, countryCode, type Fund, markClosed, notSettled, settled } from './funds.ts';
import {
  amountsByAllocation,
  type Balances,
  balancesOf,
  effectOf,
  getLedgerGroup,
  idempotencyKey,
  type LedgerGroup,
  linesOf,
  lockOpenFund,
  post,
  repeated,
  reversalOf,
  reversedLines,
} from './ledger.ts';
import { meetingIdsOf } from './meetings.ts';
import { finalReportText } from './reports.ts';

export type Allocation = typeof allocations.$inferSelect;
export type Decision = typeof decisions.$inferSelect;

export const allocationInput = z.object({
  beneficiary: text(300),
  purpose: text(2_000),
  amountCents: cents,
  country: optional(countryCode),
  allocatedOn: optional(isoDate),
  idempotencyKey,
});

const insufficient = (amountCents: number, b: Balances) =>
  fail(
    422,
    'insufficient_funds',
    m.insufficientFunds({
      amount: formatCents(amountCents),
      available: formatCents(b.availableCents),
      received: formatCents(b.receivedCents),
      disbursed: formatCents(b.disbursedCents),
      committed: formatCents(b.committedCents),
    }),
  );

/** Allocates money to a project (under the fund's lock): never more than is available. */
async function allocateLocked(
  tx: Executor,
  fund: Fund,
  value: z.infer<typeof allocationInput>,
  decisionId: string | null,
  actorId: string | null,
): Promise<Result<{ allocation: Allocation; group: LedgerGroup; created: boolean }>> {
  const again = await repeated(tx, fund.id, 'allocation', value.idempotencyKey);
  if (!again.ok) return again;
  if (again.value) {
    const [line] = await linesOf(tx, again.value.id);
    const [first] = await tx.select().from(allocations).where(eq(allocations.id, line!.allocationId!));
    return ok({ allocation: first!, group: again.value, created: false });
  }
  const balances = await balancesOf(tx, fund.id);
  if (value.amountCents > balances.availableCents) return insufficient(value.amountCents, balances);
  const [allocation] = await tx
    .insert(allocations)
    .values({
      fundId: fund.id,
      decisionId,
      beneficiary: value.beneficiary,
      purpose: value.purpose,
      country: value.country ?? null,
    })
    .returning();
  const posted = await post(
    tx,
    fund.id,
    {
      kind: 'allocation',
      occurredOn: value.allocatedOn ?? parisDate(),
      reference: value.beneficiary,
      idempotencyKey: value.idempotencyKey,
    },
    [
      { account: 'allocations', debitCents: value.amountCents, allocationId: allocation!.id },
      { account: 'commitments', creditCents: value.amountCents, allocationId: allocation!.id },
    ],
  );
  if (!posted.ok) {
    // The key was taken meanwhile by another fund's movement (its lock is not ours): a refusal writes nothing.
    await tx.delete(allocations).where(eq(allocations.id, allocation!.id));
    return posted;
  }
  await audit(tx, {
    actorId,
    action: 'allocate',
    entity: 'fund',
    entityId: fund.id,
    data: { allocationId: allocation!.id, amountCents: value.amountCents, decisionId },
  });
  return ok({ allocation: allocation!, group: posted.value.group, created: true });
}

export async function allocate(
  tx: Executor,
  fundId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<{ allocation: Allocation; group: LedgerGroup; created: boolean }>> {
  const parsed = allocationInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const fund = await lockOpenFund(tx, fundId);
  if (!fund.ok) return fund;
  return allocateLocked(tx, fund.value, parsed.data, null, actorId);
}

/** The quorum in votes: the fund's share of its contributing organisations, rounded up. */
export const quorumOf = (fund: Pick<Fund, 'quorumPercent'>, voters: number) =>
  Math.ceil((voters * fund.quorumPercent) / 100);

const votes = z.number({ error: m.votesExpected().text }).int(m.votesExpected().text).min(0).max(10_000);

export const decisionInput = allocationInput.extend({
  eventId: optional(uuid),
  decidedOn: isoDate,
  votesFor: votes,
  votesAgainst: votes,
  abstentions: votes,
});

/**
 * Records a decision of the donors committee. Each contributing organisation has one vote; the quorum is
 * met when enough of them voted (for, against or abstaining); a decision adopted (quorum met, more votes
 * for than against) allocates the amount in the same transaction — refused with the figures when the fund
 * has not that much available, and then nothing is recorded.
 */
export async function recordDecision(
  tx: Executor,
  fundId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<{ decision: Decision; allocation: Allocation | null; created: boolean }>> {
  const parsed = decisionInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const fund = await lockOpenFund(tx, fundId);
  if (!fund.ok) return fund;
  const { eventId, decidedOn, votesFor, votesAgainst, abstentions, ...project } = parsed.data;
  // A decision sent again (a double click, a retry) is the first one, adopted or not.
  if (project.idempotencyKey) {
    const [first] = await tx
      .select()
      .from(decisions)
      .where(eq(decisions.idempotencyKey, project.idempotencyKey));
    if (first && first.fundId !== fundId) return fail(409, 'idempotency_conflict', m.idempotencyConflict());
    if (first) {
      const [allocation] = await tx.select().from(allocations).where(eq(allocations.decisionId, first.id));
      return ok({ decision: first, allocation: allocation ?? null, created: false });
    }
    const again = await repeated(tx, fundId, 'allocation', project.idempotencyKey);
    if (!again.ok) return again;
    if (again.value) return fail(409, 'idempotency_conflict', m.idempotencyConflict());
  }
  if (eventId && !(await meetingIdsOf(tx, fundId)).includes(eventId))
    return fail(422, 'meeting_not_of_fund', m.meetingNotOfFund(), { eventId: m.meetingNotOfFund().text });
  const voters = (await contributorsOf(tx, fundId)).length;
  if (voters === 0) return fail(422, 'no_contributors', m.noContributors());
  const cast = votesFor + votesAgainst + abstentions;
  if (cast > voters)
    return fail(422, 'too_many_votes', m.tooManyVotes({ votes: cast, voters }), {
      votesFor: m.tooManyVotes({ votes: cast, voters }).text,
    });
  const quorum = quorumOf(fund.value, voters);
  const quorumMet = cast >= quorum;
  const adopted = quorumMet && votesFor > votesAgainst;
  // Checked before anything is written: a refusal records nothing, not even the vote.
  if (adopted) {
    const balances = await balancesOf(tx, fundId);
    if (project.amountCents > balances.availableCents) return insufficient(project.amountCents, balances);
  }
  const [decision] = await tx
    .insert(decisions)
    .values({
      fundId,
      eventId: eventId ?? null,
      decidedOn,
      subject: `${project.beneficiary} — ${project.purpose}`,
      amountCents: project.amountCents,
      votesFor,
      votesAgainst,
      abstentions,
      voters,
      quorum,
      quorumMet,
      adopted,
      idempotencyKey: project.idempotencyKey ?? null,
      recordedBy: actorId,
    })
    .returning();
  if (!adopted) return ok({ decision: decision!, allocation: null, created: true });
  const allocated = await allocateLocked(
    tx,
    fund.value,
    { ...project, allocatedOn: project.allocatedOn ?? decidedOn },
    decision!.id,
    actorId,
  );
  if (!allocated.ok) return allocated;
  return ok({ decision: decision!, allocation: allocated.value.allocation, created: true });
}

export const disbursementInput = z.object({
  amountCents: cents,
  paidOn: isoDate,
  reference: text(200),
  idempotencyKey,
});

export async function getAllocation(executor: Executor, id: string): Promise<Allocation | undefined> {
  const [allocation] = await executor.select().from(allocations).where(eq(allocations.id, id));
  return allocation;
}

/** Pays part of an allocation: never beyond what remains of it (and so never beyond the cash received). */
export async function disburse(
  tx: Executor,
  allocationId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<{ group: LedgerGroup; created: boolean; fundId: string }>> {
  const parsed = disbursementInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const allocation = await getAllocation(tx, allocationId);
  if (!allocation) return fail(404, 'not_found', m.allocationNotFound());
  const fund = await lockOpenFund(tx, allocation.fundId);
  if (!fund.ok) return fund;
  const { amountCents, paidOn, reference, idempotencyKey: key } = parsed.data;
  const again = await repeated(tx, allocation.fundId, 'disbursement', key);
  if (!again.ok) return again;
  if (again.value) {
    // The key names the payment of another project: a client's mistake, not a repeat.
    const [line] = (await linesOf(tx, again.value.id)).filter((l) => l.allocationId);
    if (line?.allocationId !== allocationId)
      return fail(409, 'idempotency_conflict', m.idempotencyConflict());
    return ok({ group: again.value, created: false, fundId: allocation.fundId });
  }
  const amounts = (await amountsByAllocation(tx, allocation.fundId)).get(allocationId) ?? {
    allocatedCents: 0,
    committedCents: 0,
    disbursedCents: 0,
  };
  if (amountCents > amounts.committedCents)
    return fail(
      422,
      'beyond_allocation',
      m.beyondAllocation({
        amount: formatCents(amountCents),
        remaining: formatCents(amounts.committedCents),
        allocated: formatCents(amounts.allocatedCents),
      }),
    );
  const posted = await post(
    tx,
    allocation.fundId,
    { kind: 'disbursement', occurredOn: paidOn, reference, idempotencyKey: key },
    [
      { account: 'commitments', debitCents: amountCents, allocationId },
      { account: 'bank', creditCents: amountCents },
    ],
  );
  if (!posted.ok) return posted;
  if (posted.value.created)
    await audit(tx, {
      actorId,
      action: 'disburse',
      entity: 'fund',
      entityId: allocation.fundId,
      data: { allocationId, groupId: posted.value.group.id, amountCents },
    });
  return ok({ ...posted.value, fundId: allocation.fundId });
}

export const reversalInput = z.object({
  reason: text(1_000),
  idempotencyKey,
});

/**
 * Corrects a movement by a reversing group: its lines, debit and credit swapped, naming the one it
 * reverses. Refused when the fund's figures would no longer hold: a receipt whose money is already
 * allocated, an allocation already (partly) paid.
 */
export async function reverse(
  tx: Executor,
  groupId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<{ group: LedgerGroup; created: boolean }>> {
  const parsed = reversalInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const original = await getLedgerGroup(tx, groupId);
  if (!original) return fail(404, 'not_found', m.movementNotFound());
  const fund = await lockOpenFund(tx, original.fundId);
  if (!fund.ok) return fund;
  if (original.kind === 'reversal') return fail(422, 'cannot_reverse_reversal', m.cannotReverseReversal());
  const again = await repeated(tx, original.fundId, 'reversal', parsed.data.idempotencyKey);
  if (!again.ok) return again;
  if (again.value) {
    // The key names the reversal of another movement: a client's mistake, not a repeat.
    if (again.value.reversesId !== groupId) return fail(409, 'idempotency_conflict', m.idempotencyConflict());
    return ok({ group: again.value, created: false });
  }
  if (await reversalOf(tx, groupId)) return fail(409, 'already_reversed', m.alreadyReversed());
  const lines = reversedLines(await linesOf(tx, groupId));
  const effect = effectOf(lines);
  const balances = await balancesOf(tx, original.fundId);
  if (original.kind === 'allocation') {
    const allocationId = lines[0]!.allocationId!;
    const amounts = (await amountsByAllocation(tx, original.fundId)).get(allocationId);
    if (amounts && amounts.disbursedCents > 0)
      return fail(
        422,
        'allocation_paid',
        m.reversalLeavesAllocationPaid({ disbursed: formatCents(amounts.disbursedCents) }),
      );
  }
  const availableAfter = balances.bankCents + effect.bank - (balances.committedCents + effect.committed);
  if (availableAfter < 0)
    return fail(
      422,
      'insufficient_funds',
      m.reversalOverspends({
        amount: formatCents(-effect.received),
        available: formatCents(balances.availableCents),
      }),
    );
  const posted = await post(
    tx,
    original.fundId,
    {
      kind: 'reversal',
      occurredOn: parisDate(),
      reference: original.reference,
      reversesId: groupId,
      reason: parsed.data.reason,
      idempotencyKey: parsed.data.idempotencyKey,
    },
    lines,
  );
  if (posted.ok && posted.value.created)
    await audit(tx, {
      actorId,
      action: 'reverse',
      entity: 'fund',
      entityId: original.fundId,
      data: { groupId, reversalId: posted.value.group.id, reason: parsed.data.reason },
    });
  return posted;
}

export const closureInput = z.object({
  /** The day of the closure (default: today): the day the treasurer's accounts were settled. */
  closedOn: optional(isoDate),
  /** The rest, allocated and paid in the same act: « le solde est affecté à … et versé le … ». */
  finalAllocation: optional(
    z.object({
      beneficiary: text(300),
      purpose: text(2_000),
      country: optional(countryCode),
      paidOn: isoDate,
      reference: text(200),
    }),
  ),
});

/**
 * Closes a fund: nothing may remain available nor allocated unpaid (after the final allocation of the
 * rest, when one is given), since no movement is accepted afterwards. Writes the published final report.
 */
export async function closeFund(
  tx: Executor,
  fundId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Fund>> {
  const parsed = closureInput.safeParse(input ?? {});
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const fund = await lockOpenFund(tx, fundId);
  if (!fund.ok) return fund;
  const final = parsed.data.finalAllocation;
  // Every check before the first write: a refused closure leaves the fund as it was.
  const before = await balancesOf(tx, fundId);
  if (final && before.availableCents <= 0) return fail(422, 'nothing_left', m.finalAllocationNothingLeft());
  if (final ? before.committedCents !== 0 : !settled(before)) return notSettled(before);
  if (final) {
    const allocated = await allocateLocked(
      tx,
      fund.value,
      { ...final, amountCents: before.availableCents, allocatedOn: final.paidOn },
      null,
      actorId,
    );
    if (!allocated.ok) return allocated;
    await post(tx, fundId, { kind: 'disbursement', occurredOn: final.paidOn, reference: final.reference }, [
      {
        account: 'commitments',
        debitCents: before.availableCents,
        allocationId: allocated.value.allocation.id,
      },
      { account: 'bank', creditCents: before.availableCents },
    ]);
  }
  const balances = await balancesOf(tx, fundId);
  const closed = await markClosed(tx, fund.value, actorId, parsed.data.closedOn);
  await tx.insert(fundReports).values({
    fundId,
    kind: 'final',
    title: `Rapport final — ${closed.name}`,
    body: await finalReportText(tx, closed, balances),
    reportedOn: closed.closedOn!,
    publishedAt: new Date(),
    createdBy: actorId,
  });
  return ok(closed);
}

export type AllocationStatus = 'committed' | 'paying' | 'paid' | 'cancelled';

export const allocationStatusLabels: Record<AllocationStatus, string> = {
  committed: 'Affecté, à verser',
  paying: 'En cours de versement',
  paid: 'Versé',
  cancelled: 'Annulé',
};

export interface Project extends Allocation {
  allocatedCents: number;
  disbursedCents: number;
  committedCents: number;
  status: AllocationStatus;
}

/** A fund's projects with their figures, the most recent first. */
export async function projectsOf(executor: Executor, fundId: string): Promise<Project[]> {
  const [rows, amounts] = await Promise.all([
    executor
      .select()
      .from(allocations)
      .where(eq(allocations.fundId, fundId))
      .orderBy(desc(allocations.recordedAt)),
    amountsByAllocation(executor, fundId),
  ]);
  return rows.map((allocation) => {
    const a = amounts.get(allocation.id) ?? { allocatedCents: 0, committedCents: 0, disbursedCents: 0 };
    const status: AllocationStatus =
      a.allocatedCents === 0
        ? 'cancelled'
        : a.committedCents === 0
          ? 'paid'
          : a.disbursedCents > 0
            ? 'paying'
            : 'committed';
    return { ...allocation, ...a, status };
  });
}

export async function decisionsOf(executor: Executor, fundId: string): Promise<Decision[]> {
  return executor
    .select()
    .from(decisions)
    .where(eq(decisions.fundId, fundId))
    .orderBy(asc(decisions.decidedOn), asc(decisions.recordedAt));
}
