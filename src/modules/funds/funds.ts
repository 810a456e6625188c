// Solidarity funds: opening, editing, listing, closing (issue 15). Their money is the ledger's (ledger.ts).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isCountryCode } from '../../platform/countries.ts';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { formatCents } from '../../platform/money.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisDate } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional, text } from '../../platform/validation.ts';
import { fundsMessages as m } from './funds.messages.ts';
import { type FundStatus, fundStatuses, funds, ledgerGroups } from './funds.schema.ts';
import { type Balances, type Fund, lockOpenFund, maxCents } from './ledger.ts';

export type { Fund };

export const fundStatusLabels: Record<FundStatus, string> = { open: 'Ouvert', closed: 'Clôturé' };

/** An amount in cents, as the API takes it. */
export const cents = z
  .number({ error: m.amountExpected().text })
  .int(m.amountExpected().text)
  .positive(m.amountExpected().text)
  .max(maxCents, m.amountTooLarge().text);

export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { error: m.countryExpected().text });

export const fundInput = z.object({
  name: text(200),
  cause: optional(text(500)),
  countries: optional(z.array(countryCode).max(30)),
  targetCents: optional(cents),
  openedOn: optional(isoDate),
  description: optional(z.string().trim().max(20_000)),
  bankReference: optional(text(500)),
  quorumPercent: optional(
    z.number({ error: m.quorumExpected().text }).int().min(1, m.quorumExpected().text).max(100),
  ),
});
export type FundInput = z.input<typeof fundInput>;

export async function createFund(
  executor: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Fund>> {
  const parsed = fundInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { countries = [], openedOn, ...value } = parsed.data;
  const [fund] = await executor
    .insert(funds)
    .values({ ...value, countries: [...new Set(countries)], openedOn: openedOn ?? parisDate() })
    .returning();
  await audit(executor, { actorId, action: 'create', entity: 'fund', entityId: fund!.id });
  return ok(fund!);
}

/** Edits what describes a fund; a closed fund keeps its description editable, never its money. */
export async function updateFund(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Fund>> {
  const parsed = fundInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { countries = [], openedOn, ...value } = parsed.data;
  const [fund] = await executor
    .update(funds)
    .set({
      name: value.name,
      cause: value.cause ?? null,
      description: value.description ?? null,
      targetCents: value.targetCents ?? null,
      bankReference: value.bankReference ?? null,
      quorumPercent: value.quorumPercent ?? 50,
      countries: [...new Set(countries)],
      ...(openedOn ? { openedOn } : {}),
    })
    .where(eq(funds.id, id))
    .returning();
  if (!fund) return fail(404, 'not_found', m.fundNotFound());
  await audit(executor, { actorId, action: 'update', entity: 'fund', entityId: id });
  return ok(fund);
}

/** A fund opened by mistake goes away while nothing has moved; afterwards it can only be closed. */
export async function deleteFund(
  executor: Executor,
  id: string,
  actorId: string | null,
): Promise<Result<true>> {
  const opened = await lockOpenFund(executor, id);
  if (!opened.ok) return opened;
  const [moved] = await executor
    .select({ id: ledgerGroups.id })
    .from(ledgerGroups)
    .where(eq(ledgerGroups.fundId, id))
    .limit(1);
  if (moved) return fail(409, 'fund_has_movements', m.fundHasMovements());
  // Its links to meetings, its contributors' choices and its reports go with it (none holds money).
  await executor.execute(sql`delete from fund_events where fund_id = ${id}`);
  await executor.execute(sql`delete from fund_contributors where fund_id = ${id}`);
  await executor.execute(sql`delete from fund_reports where fund_id = ${id}`);
  await executor.delete(funds).where(eq(funds.id, id));
  await audit(executor, { actorId, action: 'delete', entity: 'fund', entityId: id });
  return ok(true);
}

export async function getFund(executor: Executor, id: string): Promise<Fund | undefined> {
  const [fund] = await executor.select().from(funds).where(eq(funds.id, id));
  return fund;
}

export async function getFundsByIds(executor: Executor, ids: string[]): Promise<Fund[]> {
  if (ids.length === 0) return [];
  return executor.select().from(funds).where(inArray(funds.id, ids)).orderBy(asc(funds.name));
}

export const fundFilters = z.object({
  status: optional(z.enum(fundStatuses)),
  q: optional(z.string().trim().max(200)),
});
export type FundFilters = z.infer<typeof fundFilters>;

/** The funds, open ones first, then the most recently opened. */
export async function listFunds(executor: Executor, filters: FundFilters = {}): Promise<Fund[]> {
  const conditions = [
    filters.status ? eq(funds.status, filters.status) : undefined,
    filters.q
      ? sql`unaccent(${funds.name} || ' ' || coalesce(${funds.cause}, '')) ilike unaccent(${`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`
      : undefined,
  ].filter(Boolean);
  return executor
    .select()
    .from(funds)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(sql`${funds.status} = 'closed'`, desc(funds.openedOn), asc(funds.name));
}

/** The rule of closure, in figures: nothing left to allocate, nothing allocated left to pay. */
export const settled = (b: Balances) => b.availableCents === 0 && b.committedCents === 0;

/** The refusal of a closure that is not settled, with the figures. */
export const notSettled = (b: Balances) =>
  fail(
    422,
    'not_settled',
    m.notSettled({ available: formatCents(b.availableCents), committed: formatCents(b.committedCents) }),
  );

/** Marks a fund closed (the caller checked `settled` under the fund's lock). */
export async function markClosed(executor: Executor, fund: Fund, actorId: string | null, on = parisDate()) {
  const [closed] = await executor
    .update(funds)
    .set({ status: 'closed', closedOn: on })
    .where(and(eq(funds.id, fund.id), eq(funds.status, 'open')))
    .returning();
  await audit(executor, { actorId, action: 'close', entity: 'fund', entityId: fund.id });
  return closed!;
}
