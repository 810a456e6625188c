// The Lettre's part of what happens to a person: merging two records (the issues they prepared and their
// subscription become the kept record's: authorship is staff's working record), their copy of their data
// (their subscription and its consent record), erasure (the subscription, its record and the addresses of
// their copies of the Lettre are deleted).
import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { getPerson } from '../organisations/people.ts';
import {
  newsletterConsents,
  newsletterDeliveries,
  newsletterImages,
  newsletterIssues,
  newsletterSends,
  newsletterSubscribers,
} from './newsletter.schema.ts';

/** The subscriptions of a person: linked to them, or of their address. */
async function subscriptionsOf(executor: Executor, personId: string) {
  const person = await getPerson(executor, personId);
  const linked = await executor
    .select()
    .from(newsletterSubscribers)
    .where(eq(newsletterSubscribers.personId, personId));
  if (!person?.email) return linked;
  const byEmail = await executor
    .select()
    .from(newsletterSubscribers)
    .where(eq(newsletterSubscribers.email, person.email.toLowerCase()));
  return [...linked, ...byEmail.filter((s) => !linked.some((l) => l.id === s.id))];
}

export async function exportedNewsletterData(executor: Executor, personId: string) {
  const subscriptions = await subscriptionsOf(executor, personId);
  if (subscriptions.length === 0) return undefined;
  const consents = await executor
    .select()
    .from(newsletterConsents)
    .where(
      inArray(
        newsletterConsents.subscriberId,
        subscriptions.map((s) => s.id),
      ),
    );
  return {
    title: 'La Lettre : abonnement et trace du consentement',
    data: subscriptions.map((s) => ({
      email: s.email,
      status: s.status,
      topics: s.topics,
      createdAt: s.createdAt,
      confirmedAt: s.confirmedAt,
      consents: consents
        .filter((c) => c.subscriberId === s.id)
        .map(({ action, method, consentText, topics, source, at }) => ({
          action,
          method,
          consentText,
          topics,
          source,
          at,
        })),
    })),
  };
}

export async function eraseNewsletterData(executor: Executor, personId: string) {
  const subscriptions = await subscriptionsOf(executor, personId);
  if (subscriptions.length === 0) return;
  const ids = subscriptions.map((s) => s.id);
  // The copies already sent stay counted in the sending's progress, without the address.
  await executor
    .update(newsletterDeliveries)
    .set({ email: 'effacé', subscriberId: null, lastError: null })
    .where(inArray(newsletterDeliveries.subscriberId, ids));
  await executor.delete(newsletterSubscribers).where(inArray(newsletterSubscribers.id, ids));
}

export async function mergeNewsletterPerson(executor: Executor, fromId: string, intoId: string) {
  await executor
    .update(newsletterIssues)
    .set({ createdBy: intoId })
    .where(eq(newsletterIssues.createdBy, fromId));
  await executor
    .update(newsletterSends)
    .set({ createdBy: intoId })
    .where(eq(newsletterSends.createdBy, fromId));
  await executor
    .update(newsletterImages)
    .set({ createdBy: intoId })
    .where(eq(newsletterImages.createdBy, fromId));
  // The kept record's own subscription wins; the other's, if any, is linked to it.
  await executor
    .update(newsletterSubscribers)
    .set({ personId: intoId })
    .where(eq(newsletterSubscribers.personId, fromId));
}
