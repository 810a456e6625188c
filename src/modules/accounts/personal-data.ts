// The accounts' part of a person's data (see organisations/personal-data.ts): their API tokens and sessions,
// and the requests for an account made with their address.
import { eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { getPerson } from '../organisations/people.ts';
import { accountRequests, apiTokens, sessions, signInTokens } from './accounts.schema.ts';

/** The requests for an account that are the person's: linked to them on approval, or made with their address. */
async function requestsOf(executor: Executor, personId: string) {
  const person = await getPerson(executor, personId);
  return or(
    eq(accountRequests.personId, personId),
    person ? eq(sql`lower(${accountRequests.email})`, person.email.toLowerCase()) : undefined,
  );
}

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
  const requests = await executor
    .select()
    .from(accountRequests)
    .where(await requestsOf(executor, personId));
  if (tokens.length === 0 && open.length === 0 && requests.length === 0) return undefined;
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
      'demandes de compte': requests.map((r) => ({
        'faite le': r.createdAt.toISOString(),
        organisation: r.organisationName,
        fonction: r.role,
        message: r.message,
        statut: r.status,
        'raison du refus': r.declineReason,
      })),
    },
  };
}

/**
 * Nothing of an account outlives its erasure: sessions, sign-in links, API tokens and requests for an
 * account are deleted.
 */
export async function eraseAccount(executor: Executor, personId: string) {
  await executor.delete(accountRequests).where(await requestsOf(executor, personId));
  await executor.delete(sessions).where(eq(sessions.personId, personId));
  await executor.delete(signInTokens).where(eq(signInTokens.personId, personId));
  await executor.delete(apiTokens).where(eq(apiTokens.personId, personId));
}
