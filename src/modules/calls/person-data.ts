// Support calls' part of a person's records: the calls they opened, the marks they gave and the dossiers
// they follow as an instructor (a dossier itself is the applications module's). Marks and follows are
// staff's working notes on a dossier: they are neither in a person's copy nor erased with them apart from
// their own (cascade).
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import {
  callAllowances,
  callAttachments,
  callFollowers,
  callMessages,
  callNotes,
  callScores,
  calls,
} from './calls.schema.ts';

const m = defineMessages('calls', {
  heldScores: 'Notes données sur des dossiers d’appels',
  exportTitle: 'Messages écrits sur des dossiers d’appels DCOL',
});

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
  await executor
    .update(callAllowances)
    .set({ grantedBy: intoId })
    .where(eq(callAllowances.grantedBy, fromId));
  await executor.execute(sql`
    insert into call_followers (application_id, person_id, created_at)
    select application_id, ${intoId}, created_at from call_followers where person_id = ${fromId}
    on conflict do nothing`);
  await executor.delete(callFollowers).where(eq(callFollowers.personId, fromId));
  await executor.update(callNotes).set({ authorId: intoId }).where(eq(callNotes.authorId, fromId));
  await executor.update(callMessages).set({ authorId: intoId }).where(eq(callMessages.authorId, fromId));
  await executor
    .update(callAttachments)
    .set({ uploadedBy: intoId })
    .where(eq(callAttachments.uploadedBy, fromId));
}

export async function callsHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [marked] = await executor
    .select({ n: count() })
    .from(callScores)
    .where(eq(callScores.reviewerId, personId));
  return [{ key: 'calls.scores', label: m.heldScores().text, count: marked?.n ?? 0 }];
}

/** A person's copy: the messages they wrote on dossiers' threads (their marks and annotations are staff's notes). */
export async function exportedCallsData(executor: Executor, personId: string) {
  const written = await executor
    .select({
      applicationId: callMessages.applicationId,
      body: callMessages.body,
      createdAt: callMessages.createdAt,
    })
    .from(callMessages)
    .where(eq(callMessages.authorId, personId));
  if (written.length === 0) return undefined;
  return {
    title: m.exportTitle().text,
    data: {
      messages: written.map((w) => ({
        dossier: w.applicationId,
        texte: w.body,
        le: w.createdAt.toISOString(),
      })),
    },
  };
}

/**
 * Erasure: the person is no longer named as the author of what they wrote. The messages stay, without author:
 * they are the dossier's correspondence, kept as long as the dossier (the register says so).
 */
export async function eraseCallsData(executor: Executor, personId: string): Promise<void> {
  await executor.update(callMessages).set({ authorId: null }).where(eq(callMessages.authorId, personId));
  await executor.update(callNotes).set({ authorId: null }).where(eq(callNotes.authorId, personId));
  await executor
    .update(callAttachments)
    .set({ uploadedBy: null })
    .where(eq(callAttachments.uploadedBy, personId));
}
