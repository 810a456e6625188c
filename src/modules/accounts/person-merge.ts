// Accounts' part of merging two records of one person (see organisations/merge-people.ts). The record that
// goes away is signed out everywhere and its unused sign-in links die with it: no browser and no link
// becomes the kept record's without its owner signing in again. Its API tokens move to the kept record as
// history, revoked — a tool given a token must not start acting with another record's rights.
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import { moveRequestsOf } from './account-requests.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import { apiTokens, sessions, signInTokens } from './accounts.schema.ts';

export async function mergeAccountsRows(executor: Executor, fromId: string, intoId: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.personId, fromId));
  await executor.delete(signInTokens).where(eq(signInTokens.personId, fromId));
  await executor
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.personId, fromId), isNull(apiTokens.revokedAt)));
  await executor.update(apiTokens).set({ personId: intoId }).where(eq(apiTokens.personId, fromId));
  await moveRequestsOf(executor, fromId, intoId);
}

export async function accountsHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [tokens] = await executor
    .select({ n: count() })
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId));
  return [{ key: 'accounts.api_tokens', label: m.heldApiTokens().text, count: tokens?.n ?? 0 }];
}
