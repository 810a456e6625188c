// API tokens: shown once at creation, stored hashed, with an optional expiry, listed with their last use,
// revocable (by staff, by their owner's disabling, or by themselves expiring).
import { desc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { hashSecret, newSecret } from '../../platform/secrets.ts';
import { personCards } from '../organisations/directory.ts';
import { type Person, selectPersonWith } from '../organisations/people.ts';
import { accountsMessages as m } from './accounts.messages.ts';
import { apiTokens } from './accounts.schema.ts';

export type ApiToken = typeof apiTokens.$inferSelect;

export interface NewApiToken {
  label: string;
  /** Days of validity; none: until revoked. */
  days?: number | undefined;
}

/** Makes a token for a person; returns it (shown once) and its id. */
export async function createApiToken(
  executor: Executor,
  personId: string,
  input: NewApiToken,
  actorId: string | null = personId,
): Promise<{ id: string; token: string }> {
  const token = newSecret('cdk_');
  const expiresAt = input.days ? new Date(Date.now() + input.days * 86_400_000) : null;
  const [row] = await executor
    .insert(apiTokens)
    .values({ tokenHash: hashSecret(token), personId, label: input.label, expiresAt })
    .returning({ id: apiTokens.id });
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'api_token',
    entityId: row!.id,
    data: { label: input.label, personId, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { id: row!.id, token };
}

// Read by every request of the API (prepared: platform/db/prepared.ts). Drizzle names the columns of a
// one-table select without their table: these subqueries read only api_tokens, whose columns they name,
// and take the hash as a value.
const personOfToken = prepared((executor) => {
  const valid = sql`from ${apiTokens} where ${apiTokens.tokenHash} = ${sql.placeholder('hash')}
    and ${apiTokens.revokedAt} is null and (${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now())`;
  return selectPersonWith(executor, sql`(select ${apiTokens.personId} ${valid})`, {
    tokenId: sql<string>`(select ${apiTokens.id} ${valid})`,
    lastUsedAt: sql<Date | null>`(select ${apiTokens.lastUsedAt} ${valid})`.mapWith(apiTokens.lastUsedAt),
  }).prepare('api_token_person');
});

/**
 * The person a valid token acts for (not disabled), found with the token in one statement: the API asks it
 * on every request. The token's last use is written at most once a minute.
 */
export async function authenticateApiToken(executor: Executor, token: string): Promise<Person | undefined> {
  const [row] = await personOfToken(executor).execute({ hash: hashSecret(token) });
  if (!row || row.person.disabledAt) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await executor.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.tokenId));
  }
  return row.person;
}

/** Every token (never the secret), newest first, with whom it acts for. */
export async function listApiTokens(executor: Executor, options: { personId?: string } = {}) {
  const rows = await executor
    .select()
    .from(apiTokens)
    .where(options.personId ? eq(apiTokens.personId, options.personId) : undefined)
    .orderBy(desc(apiTokens.createdAt))
    .limit(1000);
  const people = await personCards(
    executor,
    rows.map((r) => r.personId),
  );
  return rows.map(({ tokenHash: _, ...token }) => ({ ...token, person: people.get(token.personId) }));
}

/** Revokes a token at once (a second time: nothing new). */
export async function revokeApiToken(
  executor: Executor,
  id: string,
  actorId: string | null,
): Promise<Result<ApiToken>> {
  const [row] = await executor.select().from(apiTokens).where(eq(apiTokens.id, id));
  if (!row) return fail(404, 'not_found', m.tokenNotFound());
  if (row.revokedAt) return ok(row);
  const [revoked] = await executor
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(eq(apiTokens.id, id))
    .returning();
  await audit(executor, { actorId, action: 'revoke', entity: 'api_token', entityId: id });
  return ok(revoked!);
}

/** What a token is now, in words. */
export function tokenState(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, at = new Date()) {
  if (token.revokedAt) return 'révoqué';
  if (token.expiresAt && token.expiresAt <= at) return 'expiré';
  return 'actif';
}
