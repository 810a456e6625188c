// What organisations give to a fund: pledges (a council's decision), receipts (the money arrived, with a
// numbered acknowledgement), and each contributor's choices (named in public or not, who holds its vote).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisDate } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { getOrganisation, getOrganisationsByIds, type Organisation } from '../organisations/organisations.ts';
import { getPerson } from '../organisations/people.ts';
import { fundsMessages as m } from './funds.messages.ts';
import { fundContributors, ledgerEntries, ledgerGroups, receiptSequences, receipts } from './funds.schema.ts';
import { cents } from './funds.ts';
import {
  contributionsByOrganisation,
  idempotencyKey,
  type LedgerGroup,
  lockOpenFund,
  post,
} from './ledger.ts';

export const pledgeInput = z.object({
  organisationId: uuid,
  amountCents: cents,
  decisionReference: optional(text(200)),
  decidedOn: optional(isoDate),
  idempotencyKey,
});

export const receiptInput = z.object({
  organisationId: uuid,
  amountCents: cents,
  receivedOn: isoDate,
  reference: text(200),
  idempotencyKey,
});

async function contributorOrganisation(executor: Executor, id: string): Promise<Result<Organisation>> {
  const organisation = await getOrganisation(executor, id);
  if (!organisation)
    return fail(422, 'unknown_organisation', m.organisationNotFound(), {
      organisationId: m.organisationNotFound().text,
    });
  return ok(organisation);
}

/** Makes sure the organisation has its row of choices (not named, no voter) once it contributes. */
async function enlist(executor: Executor, fundId: string, organisationId: string) {
  await executor.insert(fundContributors).values({ fundId, organisationId }).onConflictDoNothing();
}

export async function recordPledge(
  tx: Executor,
  fundId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<{ group: LedgerGroup; created: boolean }>> {
  const parsed = pledgeInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const fund = await lockOpenFund(tx, fundId);
  if (!fund.ok) return fund;
  const { organisationId, amountCents, decisionReference, decidedOn } = parsed.data;
  const organisation = await contributorOrganisation(tx, organisationId);
  if (!organisation.ok) return organisation;
  const posted = await post(
    tx,
    fundId,
    {
      kind: 'pledge',
      occurredOn: decidedOn ?? parisDate(),
      reference: decisionReference,
      decidedOn,
      idempotencyKey: parsed.data.idempotencyKey,
    },
    [
      { account: 'pledges_receivable', debitCents: amountCents, organisationId },
      { account: 'pledges', creditCents: amountCents, organisationId },
    ],
  );
  if (posted.ok && posted.value.created) {
    await enlist(tx, fundId, organisationId);
    await audit(tx, {
      actorId,
      action: 'pledge',
      entity: 'fund',
      entityId: fundId,
      data: { groupId: posted.value.group.id, organisationId, amountCents },
    });
  }
  return posted;
}

export interface Receipt {
  groupId: string;
  fundId: string;
  organisationId: string;
  amountCents: number;
  receivedOn: string;
  reference: string | null;
  /** « 2026-0007 ». */
  number: string;
  year: number;
  recordedAt: Date;
  /** The reversal that cancelled it, if any. */
  reversedOn: string | null;
}

export const receiptNumber = (year: number, number: number) => `${year}-${String(number).padStart(4, '0')}`;

/**
 * Records money received and gives it the next acknowledgement number of the year it arrived. The year's row in
 * `fund_receipt_sequences` is locked by the update that takes the number, until the transaction ends: two
 * receipts at once get two numbers, and a receipt refused or rolled back leaves no gap.
 */
export async function recordReceipt(
  tx: Executor,
  fundId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<{ receipt: Receipt; created: boolean }>> {
  const parsed = receiptInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const fund = await lockOpenFund(tx, fundId);
  if (!fund.ok) return fund;
  const { organisationId, amountCents, receivedOn, reference } = parsed.data;
  const organisation = await contributorOrganisation(tx, organisationId);
  if (!organisation.ok) return organisation;
  const posted = await post(
    tx,
    fundId,
    { kind: 'receipt', occurredOn: receivedOn, reference, idempotencyKey: parsed.data.idempotencyKey },
    [
      { account: 'bank', debitCents: amountCents },
      { account: 'contributions', creditCents: amountCents, organisationId },
    ],
  );
  if (!posted.ok) return posted;
  const { group, created } = posted.value;
  if (created) {
    // Numbered in the year the money arrived: the acknowledgement belongs to that year's accounts.
    const year = Number(receivedOn.slice(0, 4));
    const [sequence] = await tx
      .insert(receiptSequences)
      .values({ year, lastNumber: 1 })
      .onConflictDoUpdate({
        target: receiptSequences.year,
        set: { lastNumber: sql`${receiptSequences.lastNumber} + 1` },
      })
      .returning();
    await tx.insert(receipts).values({ groupId: group.id, year, number: sequence!.lastNumber });
    await enlist(tx, fundId, organisationId);
    await audit(tx, {
      actorId,
      action: 'receipt',
      entity: 'fund',
      entityId: fundId,
      data: { groupId: group.id, organisationId, amountCents },
    });
  }
  const receipt = await getReceipt(tx, group.id);
  return ok({ receipt: receipt!, created });
}

const receiptColumns = {
  groupId: ledgerGroups.id,
  fundId: ledgerGroups.fundId,
  organisationId: sql<string>`(select organisation_id from fund_ledger_entries e where e.group_id = ${ledgerGroups.id} and e.account = 'contributions')`,
  amountCents: sql<string>`(select credit_cents from fund_ledger_entries e where e.group_id = ${ledgerGroups.id} and e.account = 'contributions')`,
  receivedOn: ledgerGroups.occurredOn,
  reference: ledgerGroups.reference,
  year: receipts.year,
  sequence: receipts.number,
  recordedAt: ledgerGroups.recordedAt,
  reversedOn: sql<
    string | null
  >`(select r.occurred_on::text from fund_ledger_groups r where r.reverses_id = ${ledgerGroups.id})`,
};

function receiptOf(row: {
  groupId: string;
  fundId: string;
  organisationId: string;
  amountCents: string;
  receivedOn: string;
  reference: string | null;
  year: number;
  sequence: number;
  recordedAt: Date;
  reversedOn: string | null;
}): Receipt {
  const { sequence, amountCents, ...rest } = row;
  return { ...rest, amountCents: Number(amountCents), number: receiptNumber(row.year, sequence) };
}

export async function getReceipt(executor: Executor, groupId: string): Promise<Receipt | undefined> {
  const [row] = await executor
    .select(receiptColumns)
    .from(receipts)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, receipts.groupId))
    .where(eq(receipts.groupId, groupId));
  return row ? receiptOf(row) : undefined;
}

/** A fund's receipts, or one organisation's, in the order of their numbers. */
export async function receiptsOf(
  executor: Executor,
  where: { fundId?: string; organisationId?: string },
): Promise<Receipt[]> {
  const rows = await executor
    .select(receiptColumns)
    .from(receipts)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, receipts.groupId))
    .where(
      and(
        where.fundId ? eq(ledgerGroups.fundId, where.fundId) : undefined,
        where.organisationId
          ? sql`exists (select 1 from ${ledgerEntries} e where e.group_id = ${ledgerGroups.id} and e.account = 'contributions' and e.organisation_id = ${where.organisationId})`
          : undefined,
      ),
    )
    .orderBy(asc(receipts.year), asc(receipts.number));
  return rows.map(receiptOf);
}

export interface Contributor {
  organisation: Organisation;
  pledgedCents: number;
  receivedCents: number;
  /** What was promised and has not arrived yet (never below zero: money may come before the promise). */
  outstandingCents: number;
  named: boolean;
  voterId: string | null;
}

/**
 * The organisations that promised or gave to the fund (net of reversals): the committee's members. Sorted
 * by name.
 */
export async function contributorsOf(executor: Executor, fundId: string): Promise<Contributor[]> {
  const amounts = await contributionsByOrganisation(executor, fundId);
  const ids = [...amounts].filter(([, a]) => a.pledgedCents > 0 || a.receivedCents > 0).map(([id]) => id);
  if (ids.length === 0) return [];
  // One query after the other: the executor may be a transaction's single connection.
  const organisations = await getOrganisationsByIds(executor, ids);
  const choices = await executor
    .select()
    .from(fundContributors)
    .where(and(eq(fundContributors.fundId, fundId), inArray(fundContributors.organisationId, ids)));
  const chosen = new Map(choices.map((c) => [c.organisationId, c]));
  return organisations
    .map((organisation) => {
      const a = amounts.get(organisation.id)!;
      const choice = chosen.get(organisation.id);
      return {
        organisation,
        pledgedCents: a.pledgedCents,
        receivedCents: a.receivedCents,
        outstandingCents: Math.max(0, a.pledgedCents - a.receivedCents),
        named: choice?.named ?? false,
        voterId: choice?.voterId ?? null,
      };
    })
    .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name, 'fr'));
}

export const contributorChoicesInput = z.object({
  named: z.boolean(),
  voterId: z.union([uuid, z.null()]),
});

/**
 * An organisation's choices for a fund: to be named on the public page, who holds its vote. The voter is
 * one of its people.
 */
export async function setContributorChoices(
  executor: Executor,
  fundId: string,
  organisationId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<true>> {
  const parsed = contributorChoicesInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { named, voterId } = parsed.data;
  if (voterId) {
    const voter = await getPerson(executor, voterId);
    if (!voter || voter.organisationId !== organisationId)
      return fail(422, 'invalid', m.voterNotOfOrganisation(), { voterId: m.voterNotOfOrganisation().text });
  }
  const amounts = (await contributionsByOrganisation(executor, fundId)).get(organisationId);
  if (!amounts || (amounts.pledgedCents <= 0 && amounts.receivedCents <= 0))
    return fail(404, 'not_contributor', m.notContributor());
  await executor
    .insert(fundContributors)
    .values({ fundId, organisationId, named, voterId })
    .onConflictDoUpdate({
      target: [fundContributors.fundId, fundContributors.organisationId],
      set: { named, voterId, updatedAt: new Date() },
    });
  await audit(executor, {
    actorId,
    action: 'contributor_choices',
    entity: 'fund',
    entityId: fundId,
    data: { organisationId, named, voterId },
  });
  return ok(true);
}
