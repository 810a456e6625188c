// The accounts' part of a person's data (see organisations/personal-data.ts): their API tokens and sessions.
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { apiTokens, sessions, signInTokens } from './accounts.schema.ts';

export async function exportAccount(executor: Executor, personId: string) {
  const tokens = await executor
    .select({
      label: apiTokens.label,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.personId, personId));
  const open = await executor
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.personId, personId));
  if (tokens.length === 0 && open.length === 0) return undefined;
  return {
    title: 'Compte',
    data: {
      'sessions ouvertes': open.map((s) => ({ 'ouverte le': s.createdAt.toISOString() })),
      'jetons d’API': tokens.map((t) => ({
        nom: t.label,
        'créé le': t.createdAt.toISOString(),
        'dernier usage': t.lastUsedAt?.toISOString() ?? null,
        'révoqué le': t.revokedAt?.toISOString() ?? null,
      })),
    },
  };
}

/** Nothing of an account outlives its erasure: sessions, sign-in links and API tokens are deleted. */
export async function eraseAccount(executor: Executor, personId: string) {
  await executor.delete(sessions).where(eq(sessions.personId, personId));
  await executor.delete(signInTokens).where(eq(signInTokens.personId, personId));
  await executor.delete(apiTokens).where(eq(apiTokens.personId, personId));
}
