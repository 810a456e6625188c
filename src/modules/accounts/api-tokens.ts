// API tokens: shown once at creation, stored hashed, revocable.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { hashSecret, newSecret } from '../../platform/secrets.ts';
import { getPerson, type Person } from '../organisations/people.ts';
import { apiTokens } from './accounts.schema.ts';

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
    .select({ personId: apiTokens.personId, id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt)));
  const person = row ? await getPerson(executor, row.personId) : undefined;
  if (!row || !person || person.disabledAt) return undefined;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await executor.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, row.id));
  }
  return person;
}
