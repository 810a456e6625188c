// Support calls' part of a person's records: the calls they opened, the marks they gave and the dossiers
// they follow as an instructor (a dossier itself is the applications module's). Marks and follows are
// staff's working notes on a dossier: they are neither in a person's copy nor erased with them apart from
// their own (cascade).
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import { callFollowers, callScores, calls } from './calls.schema.ts';

const m = defineMessages('calls', { heldScores: 'Notes données sur des dossiers d’appels' });

/** Merging two records: where both marked one dossier on one criterion, the mark changed last stays. */
export async function mergeCallsPerson(executor: Executor, fromId: string, intoId: string) {
  await executor.execute(sql`
    delete from call_scores s using call_scores o
    where s.application_id = o.application_id and s.criterion_id = o.criterion_id
      and ((s.reviewer_id = ${fromId} and o.reviewer_id = ${intoId}) or (s.reviewer_id = ${intoId} and o.reviewer_id = ${fromId}))
      and s.updated_at < o.updated_at`);
  await executor.execute(sql`
    delete from call_scores s using call_scores o
    where s.application_id = o.application_id and s.criterion_id = o.criterion_id
      and s.reviewer_id = ${fromId} and o.reviewer_id = ${intoId}`);
  await executor.update(callScores).set({ reviewerId: intoId }).where(eq(callScores.reviewerId, fromId));
  await executor.update(calls).set({ createdBy: intoId }).where(eq(calls.createdBy, fromId));
  await executor.execute(sql`
    insert into call_followers (application_id, person_id, created_at)
    select application_id, ${intoId}, created_at from call_followers where person_id = ${fromId}
    on conflict do nothing`);
  await executor.delete(callFollowers).where(eq(callFollowers.personId, fromId));
}

export async function callsHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [marked] = await executor
    .select({ n: count() })
    .from(callScores)
    .where(eq(callScores.reviewerId, personId));
  return [{ key: 'calls.scores', label: m.heldScores().text, count: marked?.n ?? 0 }];
}
