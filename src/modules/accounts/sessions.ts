// Server-side sessions: the cookie holds a random id, the table its hash, with idle and absolute timeouts.
import { and, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { hashSecret, newSecret } from '../../platform/secrets.ts';
import { getPerson, type Person } from '../organisations/people.ts';
import { sessions, signInTokens } from './accounts.schema.ts';

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

/** Opens a new session (a new id at every sign-in) and returns the id for the cookie. */
export async function openSession(
  executor: Executor,
  personId: string,
  timeouts: SessionTimeouts,
): Promise<string> {
  const id = newSecret();
  await executor.insert(sessions).values({
    idHash: hashSecret(id),
    personId,
    expiresAt: new Date(Date.now() + timeouts.absoluteHours * 3_600_000),
  });
  return id;
}

/** The person behind a session id, if the session is alive and the account enabled; refreshes its idle clock. */
export async function resumeSession(
  executor: Executor,
  id: string,
  timeouts: SessionTimeouts,
): Promise<Person | undefined> {
  const idleLimit = new Date(Date.now() - timeouts.idleMinutes * 60_000);
  const [row] = await executor
    .select({ personId: sessions.personId, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(
      and(
        eq(sessions.idHash, hashSecret(id)),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, idleLimit),
      ),
    );
  const person = row ? await getPerson(executor, row.personId) : undefined;
  if (!row || !person || person.disabledAt) return undefined;
  // Writing on every request would make each page a write; a minute of precision is enough.
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await executor
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.idHash, hashSecret(id)));
  }
  return person;
}

export async function closeSession(executor: Executor, id: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.idHash, hashSecret(id)));
}

export async function closeSessionsOf(executor: Executor, personId: string): Promise<void> {
  await executor.delete(sessions).where(eq(sessions.personId, personId));
}

/**
 * Forgets what can no longer open anything (a recurring job, `accounts.purge`): sessions past their idle or
 * absolute limit, and sign-in links a day after they expired (the day lets a late click say « expiré »).
 */
export async function purgeAccounts(executor: Executor, timeouts: SessionTimeouts, at = new Date()) {
  const idleLimit = new Date(at.getTime() - timeouts.idleMinutes * 60_000);
  await executor.delete(sessions).where(or(lt(sessions.expiresAt, at), lt(sessions.lastSeenAt, idleLimit)));
  await executor.delete(signInTokens).where(lt(signInTokens.expiresAt, new Date(at.getTime() - 86_400_000)));
}

export const purgeJob = 'accounts.purge';
