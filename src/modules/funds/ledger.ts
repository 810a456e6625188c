// The funds' double-entry ledger (decision 020). Every movement is one group of balanced lines, written
// once and never changed (the database refuses UPDATE and DELETE, and checks the balance at commit); every
// figure the platform shows is a sum of lines, read here.
//
// The accounts and how each movement moves them:
//   pledge        Dr pledges_receivable (contributor)  Cr pledges            — a promise, off the balance sheet
//   receipt       Dr bank                              Cr contributions (contributor)
//   allocation    Dr allocations (project)             Cr commitments (project)
//   disbursement  Dr commitments (project)             Cr bank
//   reversal      the lines of the group it reverses, debit and credit swapped
// so that received = contributions, allocated = allocations, committed (allocated, not yet paid) =
// commitments, disbursed = allocated − committed, and available = bank − committed
// = received − disbursed − committed.
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { optional } from '../../platform/validation.ts';
import { fundsMessages as m } from './funds.messages.ts';
import { type AccountCode, funds, ledgerEntries, ledgerGroups, type MovementKind } from './funds.schema.ts';

export type Fund = typeof funds.$inferSelect;
export type LedgerGroup = typeof ledgerGroups.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;

/** The accounts in the accountant's words, with the number of the French associations' chart (PCG). */
export const accounts: Record<AccountCode, { number: string; label: string }> = {
  bank: { number: '512', label: 'Banque — compte du fonds' },
  contributions: { number: '7541', label: 'Contributions des collectivités au fonds' },
  pledges_receivable: { number: '8021', label: 'Promesses de contribution à recevoir (hors bilan)' },
  pledges: { number: '8022', label: 'Promesses de contribution reçues (hors bilan)' },
  allocations: { number: '6571', label: 'Aides affectées aux projets' },
  commitments: { number: '4686', label: 'Aides affectées restant à verser' },
};

export const movementLabels: Record<MovementKind, string> = {
  pledge: 'Promesse de contribution',
  receipt: 'Versement reçu',
  allocation: 'Affectation',
  disbursement: 'Paiement',
  reversal: 'Contre-passation',
};

/** One line of a movement: an account debited or credited (never both), a positive amount in cents. */
export interface Line {
  account: AccountCode;
  debitCents?: number;
  creditCents?: number;
  organisationId?: string | null;
  allocationId?: string | null;
}

export interface Movement {
  kind: MovementKind;
  occurredOn: string;
  reference?: string | null | undefined;
  decidedOn?: string | null | undefined;
  /** A client's key: the same key again records nothing and returns the first group. */
  idempotencyKey?: string | undefined;
  reversesId?: string;
  reason?: string;
}

/** A client's key for a movement (the API's `idempotencyKey`, a form's hidden field). */
export const idempotencyKey = optional(z.string().trim().min(8).max(200));

/** The largest amount one movement may carry: ten billion euros (sums stay exact in JavaScript numbers). */
export const maxCents = 1_000_000_000_000;

/**
 * Locks the fund's row until the transaction ends: the movements of one fund pass one at a time, so that
 * two allocations at once cannot both spend the same available euros. Refuses a closed fund.
 */
export async function lockOpenFund(tx: Executor, fundId: string): Promise<Result<Fund>> {
  const [fund] = await tx.select().from(funds).where(eq(funds.id, fundId)).for('update');
  if (!fund) return fail(404, 'not_found', m.fundNotFound());
  if (fund.status === 'closed') return fail(422, 'fund_closed', m.fundClosed({ name: fund.name }));
  return ok(fund);
}

/**
 * The movement already recorded under this key, if any (a double submission, a client's retry): the caller
 * returns it before any check, since a check made again could refuse what was accepted the first time. The
 * key of another fund or another kind of movement is a conflict.
 */
export async function repeated(
  tx: Executor,
  fundId: string,
  kind: MovementKind,
  key: string | undefined,
): Promise<Result<LedgerGroup | undefined>> {
  if (!key) return ok(undefined);
  const [first] = await tx.select().from(ledgerGroups).where(eq(ledgerGroups.idempotencyKey, key));
  if (first && (first.fundId !== fundId || first.kind !== kind))
    return fail(409, 'idempotency_conflict', m.idempotencyConflict());
  return ok(first);
}

/**
 * Writes a movement and its lines (call it under `lockOpenFund`). With an idempotency key already used, it
 * writes nothing and returns the first group (`created: false`); the key of another fund or another kind
 * of movement is a conflict.
 */
export async function post(
  tx: Executor,
  fundId: string,
  movement: Movement,
  lines: Line[],
): Promise<Result<{ group: LedgerGroup; created: boolean }>> {
  const key = movement.idempotencyKey ?? randomUUID();
  const [group] = await tx
    .insert(ledgerGroups)
    .values({
      fundId,
      kind: movement.kind,
      occurredOn: movement.occurredOn,
      reference: movement.reference ?? null,
      decidedOn: movement.decidedOn ?? null,
      idempotencyKey: key,
      reversesId: movement.reversesId ?? null,
      reason: movement.reason ?? null,
    })
    .onConflictDoNothing({ target: ledgerGroups.idempotencyKey })
    .returning();
  if (!group) {
    const [first] = await tx.select().from(ledgerGroups).where(eq(ledgerGroups.idempotencyKey, key));
    if (!first || first.fundId !== fundId || first.kind !== movement.kind)
      return fail(409, 'idempotency_conflict', m.idempotencyConflict());
    return ok({ group: first, created: false });
  }
  await tx.insert(ledgerEntries).values(
    lines.map((line, i) => ({
      groupId: group.id,
      line: i + 1,
      account: line.account,
      organisationId: line.organisationId ?? null,
      allocationId: line.allocationId ?? null,
      debitCents: line.debitCents ?? 0,
      creditCents: line.creditCents ?? 0,
    })),
  );
  return ok({ group, created: true });
}

/** The figures of a fund, every one a sum of the ledger's lines. */
export interface Balances {
  pledgedCents: number;
  receivedCents: number;
  allocatedCents: number;
  committedCents: number;
  disbursedCents: number;
  availableCents: number;
  bankCents: number;
}

const sumOf = (account: AccountCode, side: 'credit' | 'debit') =>
  side === 'credit'
    ? sql<string>`coalesce(sum(${ledgerEntries.creditCents} - ${ledgerEntries.debitCents}) filter (where ${ledgerEntries.account} = ${account}), 0)`
    : sql<string>`coalesce(sum(${ledgerEntries.debitCents} - ${ledgerEntries.creditCents}) filter (where ${ledgerEntries.account} = ${account}), 0)`;

const balanceColumns = {
  pledged: sumOf('pledges', 'credit'),
  received: sumOf('contributions', 'credit'),
  allocated: sumOf('allocations', 'debit'),
  committed: sumOf('commitments', 'credit'),
  bank: sumOf('bank', 'debit'),
};

function balancesFrom(row: Record<keyof typeof balanceColumns, string | number> | undefined): Balances {
  const n = (key: keyof typeof balanceColumns) => Number(row?.[key] ?? 0);
  return {
    pledgedCents: n('pledged'),
    receivedCents: n('received'),
    allocatedCents: n('allocated'),
    committedCents: n('committed'),
    disbursedCents: n('allocated') - n('committed'),
    availableCents: n('bank') - n('committed'),
    bankCents: n('bank'),
  };
}

export async function balancesOf(executor: Executor, fundId: string): Promise<Balances> {
  const [row] = await executor
    .select(balanceColumns)
    .from(ledgerEntries)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .where(eq(ledgerGroups.fundId, fundId));
  return balancesFrom(row);
}

/** Every fund's figures at once (the lists). */
export async function balancesOfAll(executor: Executor): Promise<Map<string, Balances>> {
  const rows = await executor
    .select({ fundId: ledgerGroups.fundId, ...balanceColumns })
    .from(ledgerEntries)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .groupBy(ledgerGroups.fundId);
  return new Map(rows.map((row) => [row.fundId, balancesFrom(row)]));
}

/** What each organisation promised and gave to a fund. */
export async function contributionsByOrganisation(
  executor: Executor,
  fundId: string,
): Promise<Map<string, { pledgedCents: number; receivedCents: number }>> {
  const rows = await executor
    .select({
      organisationId: ledgerEntries.organisationId,
      pledged: sumOf('pledges_receivable', 'debit'),
      received: sumOf('contributions', 'credit'),
    })
    .from(ledgerEntries)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .where(sql`${ledgerGroups.fundId} = ${fundId} and ${ledgerEntries.organisationId} is not null`)
    .groupBy(ledgerEntries.organisationId);
  return new Map(
    rows.map((r) => [
      r.organisationId!,
      { pledgedCents: Number(r.pledged), receivedCents: Number(r.received) },
    ]),
  );
}

/** What was allocated to each project of a fund, and what remains to pay it. */
export async function amountsByAllocation(
  executor: Executor,
  fundId: string,
): Promise<Map<string, { allocatedCents: number; committedCents: number; disbursedCents: number }>> {
  const rows = await executor
    .select({
      allocationId: ledgerEntries.allocationId,
      allocated: sumOf('allocations', 'debit'),
      committed: sumOf('commitments', 'credit'),
    })
    .from(ledgerEntries)
    .innerJoin(ledgerGroups, eq(ledgerGroups.id, ledgerEntries.groupId))
    .where(sql`${ledgerGroups.fundId} = ${fundId} and ${ledgerEntries.allocationId} is not null`)
    .groupBy(ledgerEntries.allocationId);
  return new Map(
    rows.map((r) => {
      const allocatedCents = Number(r.allocated);
      const committedCents = Number(r.committed);
      return [
        r.allocationId!,
        { allocatedCents, committedCents, disbursedCents: allocatedCents - committedCents },
      ];
    }),
  );
}

export async function getLedgerGroup(executor: Executor, id: string): Promise<LedgerGroup | undefined> {
  const [group] = await executor.select().from(ledgerGroups).where(eq(ledgerGroups.id, id));
  return group;
}

export async function linesOf(executor: Executor, groupId: string): Promise<LedgerEntry[]> {
  return executor
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.groupId, groupId))
    .orderBy(asc(ledgerEntries.line));
}

/** A group's reversal, when it has one. */
export async function reversalOf(executor: Executor, groupId: string): Promise<LedgerGroup | undefined> {
  const [group] = await executor.select().from(ledgerGroups).where(eq(ledgerGroups.reversesId, groupId));
  return group;
}

/** The lines a reversal writes: those of the reversed group, debit and credit swapped. */
export const reversedLines = (lines: LedgerEntry[]): Line[] =>
  lines.map((line) => ({
    account: line.account,
    organisationId: line.organisationId,
    allocationId: line.allocationId,
    debitCents: line.creditCents,
    creditCents: line.debitCents,
  }));

/** What a set of lines changes in the fund's figures. */
export function effectOf(lines: Line[]) {
  const net = (account: AccountCode, side: 'debit' | 'credit') =>
    lines
      .filter((l) => l.account === account)
      .reduce(
        (sum, l) => sum + (side === 'debit' ? 1 : -1) * ((l.debitCents ?? 0) - (l.creditCents ?? 0)),
        0,
      );
  return {
    received: net('contributions', 'credit'),
    committed: net('commitments', 'credit'),
    bank: net('bank', 'debit'),
  };
}
