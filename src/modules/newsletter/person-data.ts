// The Lettre's part of merging two records of one person: the issues they prepared become the kept record's
// (their authorship is staff's working record, not personal data exported or erased with them).
import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { newsletterIssues } from './newsletter.schema.ts';

export async function mergeNewsletterPerson(executor: Executor, fromId: string, intoId: string) {
  await executor
    .update(newsletterIssues)
    .set({ createdBy: intoId })
    .where(eq(newsletterIssues.createdBy, fromId));
}
