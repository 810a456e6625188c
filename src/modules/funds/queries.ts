// What the public and the contributors read of the funds: the list, a fund's transparency page (its figures,
// named contributors, projects, reports and monthly series), a receipt's content, « Mon espace » → « Fonds ».
// Every figure comes from the ledger (ledger.ts) through the domain's functions.
import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { parisDate } from '../../platform/time.ts';
import type { PersonalBlock } from '../module.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { type Contributor, contributorsOf, getReceipt, type Receipt, receiptsOf } from './contributions.ts';
import { fundsPolicy } from './funds.policy.ts';
import { ledgerEntries, ledgerGroups } from './funds.schema.ts';
import { type Fund, getFund, listFunds } from './funds.ts';
import { type Balances, balancesOf, balancesOfAll } from './ledger.ts';
import { type Project, projectsOf } from './projects.ts';
import { type FundReport, reportsOf } from './reports.ts';

const noMoney: Balances = {
  pledgedCents: 0,
  receivedCents: 0,
  allocatedCents: 0,
  committedCents: 0,
  disbursedCents: 0,
  availableCents: 0,
  bankCents: 0,
};

export interface FundRow {
  fund: Fund;
  balances: Balances;
  contributors: number;
}

/** « Fonds de solidarité »: every fund, open ones first, with its figures. */
export async function publicFunds(executor: Executor): Promise<FundRow[]> {
  const [funds, balances] = await Promise.all([listFunds(executor), balancesOfAll(executor)]);
  // The count is the API's (contributorsOf): a handful of funds, one query each.
  const counts = await Promise.all(funds.map((fund) => contributorsOf(executor, fund.id)));
  return funds.map((fund, i) => ({
    fund,
    balances: balances.get(fund.id) ?? noMoney,
    contributors: counts[i]!.length,
  }));
}

/** One month of a fund's history: what had been received, allocated and disbursed by its end, in cents. */
export interface MonthTotals {
  /** The month's first day, « 2025-11-01 ». */
  month: string;
  receivedCents: number;
  allocatedCents: number;
  disbursedCents: number;
}

/**
 * The cumulative figures of a fund at the end of each month, from the month it opened to the month of its
 * closure (or of today, or of its last movement if later), summed from the ledger's lines in SQL. A movement
 * dated before the opening (a council's decision) counts in the first month; reversals count when recorded.
 */
export async function monthlyTotals(
  executor: Executor,
  fund: Fund,
  today = parisDate(),
): Promise<MonthTotals[]> {
  const net = (account: string, side: 'debit' | 'credit') =>
    side === 'debit'
      ? sql`coalesce(sum(e.debit_cents - e.credit_cents) filter (where e.account = ${account}), 0)`
      : sql`coalesce(sum(e.credit_cents - e.debit_cents) filter (where e.account = ${account}), 0)`;
  const rows = await queryRows<{ month: string; received: string; allocated: string; disbursed: string }>(
    executor,
    sql`
    with bounds as (
      select date_trunc('month', ${fund.openedOn}::date)::date as first,
             date_trunc('month', greatest(${fund.closedOn ?? today}::date,
               (select max(occurred_on) from fund_ledger_groups where fund_id = ${fund.id})))::date as last
    ),
    moves as (
      select greatest(date_trunc('month', g.occurred_on)::date, (select first from bounds)) as month,
             ${net('contributions', 'credit')} as received,
             ${net('allocations', 'debit')} as allocated,
             ${net('commitments', 'credit')} as committed
      from fund_ledger_entries e join fund_ledger_groups g on g.id = e.group_id
      where g.fund_id = ${fund.id}
      group by 1
    ),
    months as (
      select m::date as month from bounds, generate_series(bounds.first, bounds.last, interval '1 month') as m
    )
    select to_char(months.month, 'YYYY-MM-DD') as month,
           sum(coalesce(moves.received, 0)) over w as received,
           sum(coalesce(moves.allocated, 0)) over w as allocated,
           sum(coalesce(moves.allocated, 0) - coalesce(moves.committed, 0)) over w as disbursed
    from months left join moves on moves.month = months.month
    window w as (order by months.month)
    order by months.month
  `,
  );
  return rows.map((row) => ({
    month: row.month,
    receivedCents: Number(row.received),
    allocatedCents: Number(row.allocated),
    disbursedCents: Number(row.disbursed),
  }));
}

export interface PublicProject extends Project {
  reports: FundReport[];
}

export interface FundPageData {
  fund: Fund;
  balances: Balances;
  contributors: number;
  /** The names of the contributors that agreed to be named, and no other. */
  named: string[];
  projects: PublicProject[];
  /** The fund's own published reports; a closed fund's final report first. */
  reports: FundReport[];
  months: MonthTotals[];
  /** Where to send money: for the fund's contributors and staff only. */
  bankReference: string | null;
}

/** The rule of the bank reference: staff, and the people of an organisation that contributes to the fund. */
export const seesBankDetails = (actor: Actor | null, contributors: Contributor[]) =>
  Boolean(actor?.staff) || contributors.some((c) => fundsPolicy.seeContributionsOf(actor, c.organisation.id));

/** A fund's transparency page, as `actor` may read it. */
export async function fundPage(executor: Executor, fund: Fund, actor: Actor | null): Promise<FundPageData> {
  const [balances, contributors, projects, reports, months] = await Promise.all([
    balancesOf(executor, fund.id),
    contributorsOf(executor, fund.id),
    projectsOf(executor, fund.id),
    reportsOf(executor, fund.id),
    monthlyTotals(executor, fund),
  ]);
  const ownReports = reports.filter((r) => r.allocationId === null);
  if (fund.status === 'closed')
    ownReports.sort((a, b) => Number(b.kind === 'final') - Number(a.kind === 'final'));
  return {
    fund,
    balances,
    contributors: contributors.length,
    named: contributors.filter((c) => c.named).map((c) => c.organisation.name),
    projects: projects.map((p) => ({ ...p, reports: reports.filter((r) => r.allocationId === p.id) })),
    reports: ownReports,
    months,
    bankReference: seesBankDetails(actor, contributors) ? fund.bankReference : null,
  };
}

export interface Pledge {
  groupId: string;
  amountCents: number;
  /** « Délibération n° 2025-114 ». */
  reference: string | null;
  decidedOn: string | null;
  occurredOn: string;
}

/** An organisation's pledges to a fund that stand (not reversed), oldest first. */
export async function pledgesOf(
  executor: Executor,
  fundId: string,
  organisationId: string,
): Promise<Pledge[]> {
  const rows = await executor
    .select({
      groupId: ledgerGroups.id,
      amountCents: ledgerEntries.debitCents,
      reference: ledgerGroups.reference,
      decidedOn: ledgerGroups.decidedOn,
      occurredOn: ledgerGroups.occurredOn,
    })
    .from(ledgerGroups)
    .innerJoin(ledgerEntries, eq(ledgerEntries.groupId, ledgerGroups.id))
    .where(
      and(
        eq(ledgerGroups.fundId, fundId),
        eq(ledgerGroups.kind, 'pledge'),
        eq(ledgerEntries.account, 'pledges_receivable'),
        eq(ledgerEntries.organisationId, organisationId),
        sql`not exists (select 1 from fund_ledger_groups r where r.reverses_id = ${ledgerGroups.id})`,
      ),
    )
    .orderBy(ledgerGroups.occurredOn, ledgerGroups.recordedAt);
  return rows;
}

export interface ReceiptDocument {
  receipt: Receipt;
  fund: Fund;
  contributorName: string;
  pledges: Pledge[];
}

/** What a receipt's PDF says, or undefined when there is no such receipt. */
export async function receiptDocument(
  executor: Executor,
  groupId: string,
): Promise<ReceiptDocument | undefined> {
  const receipt = await getReceipt(executor, groupId);
  if (!receipt) return undefined;
  const [fund, organisation, pledges] = await Promise.all([
    getFund(executor, receipt.fundId),
    getOrganisation(executor, receipt.organisationId),
    pledgesOf(executor, receipt.fundId, receipt.organisationId),
  ]);
  return { receipt, fund: fund!, contributorName: organisation?.name ?? '—', pledges };
}

/** The funds an organisation promised or gave to (net of reversals), open ones first, with its row. */
export async function fundsOfOrganisation(
  executor: Executor,
  organisationId: string,
): Promise<{ fund: Fund; contributor: Contributor }[]> {
  const rows = await executor
    .selectDistinct({ fundId: ledgerGroups.fundId })
    .from(ledgerEntries)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .where(eq(ledgerEntries.organisationId, organisationId));
  if (rows.length === 0) return [];
  const ids = new Set(rows.map((r) => r.fundId));
  const funds = (await listFunds(executor)).filter((f) => ids.has(f.id));
  // A pledge and a receipt both reversed leave no contribution: such a fund is no longer the organisation's.
  const found = await Promise.all(
    funds.map(async (fund) => ({
      fund,
      contributor: await contributorOf(executor, fund.id, organisationId),
    })),
  );
  return found.filter((f): f is { fund: Fund; contributor: Contributor } => f.contributor !== undefined);
}

export interface MyFund {
  fund: Fund;
  contributor: Contributor;
  pledges: Pledge[];
  receipts: Receipt[];
}

/** « Mon espace » → « Fonds »: what the organisation promised and gave to each fund, its receipts. */
export async function myFunds(executor: Executor, organisationId: string): Promise<MyFund[]> {
  const funds = await fundsOfOrganisation(executor, organisationId);
  return Promise.all(
    funds.map(async ({ fund, contributor }) => {
      const [pledges, receipts] = await Promise.all([
        pledgesOf(executor, fund.id, organisationId),
        receiptsOf(executor, { fundId: fund.id, organisationId }),
      ]);
      return { fund, contributor, pledges, receipts };
    }),
  );
}

/** The organisation's contributor row for a fund, if it contributes. */
export async function contributorOf(
  executor: Executor,
  fundId: string,
  organisationId: string,
): Promise<Contributor | undefined> {
  return (await contributorsOf(executor, fundId)).find((c) => c.organisation.id === organisationId);
}

/** The person's organisation's funds, on their home page and « Mon espace ». */
export async function fundsForPerson(executor: Executor, actor: Actor): Promise<PersonalBlock | undefined> {
  if (!actor.organisationId) return undefined;
  const funds = await fundsOfOrganisation(executor, actor.organisationId);
  if (funds.length === 0) return undefined;
  return {
    title: 'Fonds de solidarité',
    items: funds.map(({ fund }) => ({
      label: fund.name,
      href: `/fonds/${fund.id}`,
      ...(fund.status === 'closed' ? { detail: 'clôturé' } : {}),
    })),
    more: { label: 'Les contributions de mon organisation', href: '/mon-espace/fonds' },
  };
}
