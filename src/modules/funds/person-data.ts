// The funds' part of what happens to a person (organisations/person-hooks.ts). The ledger holds no person;
// what does: holding an organisation's vote in a committee, and having recorded decisions, opened funds or
// written reports (staff).
import { count, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import { decisions, fundContributors, fundReports, funds } from './funds.schema.ts';
import { getFundsByIds } from './funds.ts';

const m = defineMessages('funds', {
  heldVotes: 'Voix portées aux comités des donateurs',
  exportTitle: 'Fonds de solidarité',
});

/** The columns that name a person as its author, not its subject. */
const authors = [
  [funds, funds.createdBy, 'createdBy'],
  [decisions, decisions.recordedBy, 'recordedBy'],
  [fundReports, fundReports.createdBy, 'createdBy'],
] as const;

/** The record kept holds the other's votes and what it recorded. */
export async function mergeFundsPerson(executor: Executor, fromId: string, intoId: string): Promise<void> {
  await executor
    .update(fundContributors)
    .set({ voterId: intoId })
    .where(eq(fundContributors.voterId, fromId));
  for (const [table, column, key] of authors)
    await executor
      .update(table)
      .set({ [key]: intoId })
      .where(eq(column, fromId));
}

export async function fundsHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [votes] = await executor
    .select({ n: count() })
    .from(fundContributors)
    .where(eq(fundContributors.voterId, personId));
  return [{ key: 'funds.votes', label: m.heldVotes().text, count: votes?.n ?? 0 }];
}

/** The committees in which the person holds their organisation's vote. */
export async function exportedFundsData(executor: Executor, personId: string) {
  const votes = await executor.select().from(fundContributors).where(eq(fundContributors.voterId, personId));
  if (votes.length === 0) return undefined;
  const named = new Map(
    (
      await getFundsByIds(
        executor,
        votes.map((v) => v.fundId),
      )
    ).map((f) => [f.id, f.name]),
  );
  return {
    title: m.exportTitle().text,
    data: { voix: votes.map((v) => ({ fonds: named.get(v.fundId), organisation: v.organisationId })) },
  };
}

/** Erasure: the person no longer holds a vote, nor is named as the author of what they recorded. */
export async function eraseFundsData(executor: Executor, personId: string): Promise<void> {
  await executor
    .update(fundContributors)
    .set({ voterId: null })
    .where(eq(fundContributors.voterId, personId));
  for (const [table, column, key] of authors)
    await executor
      .update(table)
      .set({ [key]: null })
      .where(eq(column, personId));
}
