// API tokens: shown once at creation, stored hashed, revocable.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { people } from '../organisations/organisations.schema.ts';
import type { Person } from '../organisations/people.ts';
import { apiTokens } from './accounts.schema.ts';
import { hashSecret, newSecret } from './secrets.ts';

export async function createApiToken(executor: Executor, personId: string, label: string): Promise<string> {
  const token = newSecret('cdk_');
  const [row] = await executor
    .insert(apiTokens)
    .values({ tokenHash: hashSecret(token), personId, label })
    .returning({ id: apiTokens.id });
  await audit(executor, {
    actorId: personId,
    action: 'create',
    entity: 'api_token',
    entityId: row!.id,
    data: { label },
  });
  return token;
}

export async function authenticateApiToken(executor: Executor, token: string): Promise<Person | undefined> {
  const [row] = await executor
    .select({ person: people, id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(people, eq(people.id, apiTokens.personId))
    .where(
      and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt), isNull(people.disabledAt)),
    );
  if (!row) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await executor.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.id));
  }
  return row.person;
}
