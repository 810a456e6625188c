// Readers of « La Lettre »: double opt-in (nothing is sent to an address before its owner confirms it), a
// consent record of every step, the reader's choices (La Lettre, a group's news), unsubscribing in one click.
// The links mailed carry a signature of the subscription's id made with the secrets key, as the program's
// expressions of interest do: nothing to store, nothing to forge.
import { and, asc, count, desc, eq, ilike, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { checkSignedValue, signValue } from '../../platform/secrets.ts';
import { parisDate } from '../../platform/time.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { listGroups } from '../groups/groups.ts';
import { getPerson } from '../organisations/people.ts';
import { newsletterMessages as m } from './newsletter.messages.ts';
import { newsletterConsents, newsletterSubscribers } from './newsletter.schema.ts';

export type Subscriber = typeof newsletterSubscribers.$inferSelect;
export type Consent = typeof newsletterConsents.$inferSelect;
export type ConsentMethod = Consent['method'];

/** La Lettre itself; a group's news is `groupe:<id>`. */
export const letterTopic = 'lettre';
export const groupTopic = (groupId: string) => `groupe:${groupId}`;
const topicPattern = /^(lettre|groupe:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const subscriptionInput = z.object({
  email: z
    .string({ error: m.emailInvalid().text })
    .trim()
    .toLowerCase()
    .max(254, m.emailInvalid().text)
    .pipe(z.email({ error: m.emailInvalid().text })),
  topics: z
    .array(z.string().regex(topicPattern, m.topicUnknown().text), { error: m.topicUnknown().text })
    .max(100)
    .default([letterTopic])
    .transform((topics) => [...new Set(topics)].sort()),
});
export type SubscriptionInput = z.input<typeof subscriptionInput>;

/** The public address of the links, and the key that signs them. */
export interface LinkSigning {
  baseUrl: string;
  secretsKey: Buffer;
}

const purposes = {
  confirm: 'newsletter.confirm',
  unsubscribe: 'newsletter.unsubscribe',
  preferences: 'newsletter.preferences',
} as const;
export type SubscriptionLink = keyof typeof purposes;
const paths: Record<SubscriptionLink, string> = {
  confirm: 'confirmer',
  unsubscribe: 'desabonner',
  preferences: 'preferences',
};

/** `/lettre/abonnement/<id>/confirmer?jeton=…` (or `desabonner`, `preferences`): the token signs id and purpose. */
export function subscriptionLink(signing: LinkSigning, id: string, link: SubscriptionLink): string {
  return `${signing.baseUrl}/lettre/abonnement/${id}/${paths[link]}?jeton=${signValue(signing.secretsKey, purposes[link], id)}`;
}

/** The subscription a link names, if its token is the one we signed for it. */
export async function subscriptionOfLink(
  executor: Executor,
  secretsKey: Buffer,
  id: string,
  token: string,
  link: SubscriptionLink,
): Promise<Subscriber | undefined> {
  if (!checkSignedValue(secretsKey, purposes[link], id, token)) return undefined;
  const [subscriber] = await executor
    .select()
    .from(newsletterSubscribers)
    .where(eq(newsletterSubscribers.id, id));
  return subscriber;
}

/** The text a reader accepts when subscribing: stored, word for word, in the consent record. */
export const consentText = () => m.consentText({ network: network().name }).text;

/** The topics a reader may choose: La Lettre and the news of each active group. */
export async function topicChoices(executor: Executor): Promise<{ value: string; label: string }[]> {
  const groups = await listGroups(executor);
  return [
    { value: letterTopic, label: m.letterTopic({ network: network().name }).text },
    ...groups
      .filter((g) => !g.archivedAt)
      .map((g) => ({ value: groupTopic(g.id), label: m.groupTopic({ name: g.name }).text })),
  ];
}

async function checkTopics(executor: Executor, topics: string[]): Promise<Result<string[]>> {
  if (topics.length === 0) return fail(400, 'invalid', m.invalid(), { topics: m.noTopic().text });
  const known = new Set((await topicChoices(executor)).map((c) => c.value));
  if (topics.some((t) => !known.has(t)))
    return fail(400, 'invalid', m.invalid(), { topics: m.topicUnknown().text });
  return ok(topics);
}

async function recordConsent(
  executor: Executor,
  subscriberId: string,
  consent: Pick<Consent, 'action' | 'method'> & Partial<Pick<Consent, 'consentText' | 'topics' | 'source'>>,
  at: Date,
) {
  await executor.insert(newsletterConsents).values({ subscriberId, ...consent, at });
}

export interface HowSubscribed {
  method: Extract<ConsentMethod, 'form' | 'api' | 'my_space'>;
  /** The page or client it came from. */
  source: string;
  /**
   * The person of the platform, signed in, subscribing their own address: it was proved by their sign-in,
   * so the subscription is confirmed at once (and their choices may change, unlike an anonymous request's).
   */
  personId?: string;
}

/**
 * Subscribes an address. A new or withdrawn address is kept pending and mailed a link to confirm: nothing else
 * is sent to it before. The answer is the same whatever the address (unknown, pending, confirmed): the form
 * tells nobody who reads the Lettre, and an anonymous request does not change a confirmed reader's choices.
 */
export async function subscribe(
  executor: Executor,
  input: unknown,
  how: HowSubscribed,
  /** Signs the confirmation link: needed unless the address is a signed-in person's own. */
  signing: LinkSigning | undefined,
  at = new Date(),
): Promise<Result<{ id: string; status: Subscriber['status'] }>> {
  const parsed = subscriptionInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const topics = await checkTopics(executor, parsed.data.topics);
  if (!topics.ok) return topics;
  const { email } = parsed.data;
  const verified = how.personId !== undefined;
  // Two requests for one address at once: the unique index keeps one row, the other updates it.
  const [row] = await executor
    .insert(newsletterSubscribers)
    .values({
      email,
      status: verified ? 'confirmed' : 'pending',
      topics: topics.value,
      personId: how.personId ?? null,
      createdAt: at,
      confirmedAt: verified ? at : null,
      updatedAt: at,
    })
    .onConflictDoUpdate({ target: newsletterSubscribers.email, set: { updatedAt: at } })
    .returning({
      id: newsletterSubscribers.id,
      status: newsletterSubscribers.status,
      confirmedAt: newsletterSubscribers.confirmedAt,
      // The row was written by this insert, not found (PostgreSQL's system column of the updating transaction).
      created: sql<boolean>`xmax = 0`,
    });
  const subscriber = row!;
  const created = subscriber.created;
  const consent = { consentText: consentText(), topics: topics.value, source: how.source };
  if (verified) {
    if (!created) {
      await executor
        .update(newsletterSubscribers)
        .set({
          status: 'confirmed',
          topics: topics.value,
          personId: how.personId,
          confirmedAt: subscriber.confirmedAt ?? at,
        })
        .where(eq(newsletterSubscribers.id, subscriber.id));
    }
    await recordConsent(executor, subscriber.id, { action: 'subscribe', method: how.method, ...consent }, at);
    return ok({ id: subscriber.id, status: 'confirmed' });
  }
  if (subscriber.status === 'confirmed') return ok({ id: subscriber.id, status: 'pending' });
  if (!created) {
    await executor
      .update(newsletterSubscribers)
      .set({ status: 'pending', topics: topics.value })
      .where(eq(newsletterSubscribers.id, subscriber.id));
  }
  await recordConsent(executor, subscriber.id, { action: 'subscribe', method: how.method, ...consent }, at);
  if (!signing) throw new Error('abonnement à confirmer sans clé pour signer le lien');
  const n = network();
  await queueMail(
    executor,
    composeMail({
      to: email,
      subject: m.confirmSubject({ network: n.name }).text,
      greeting: m.greeting().text,
      paragraphs: [m.confirmIntro({ network: n.name }).text, m.confirmNothingBefore().text],
      action: { label: m.confirmAction().text, url: subscriptionLink(signing, subscriber.id, 'confirm') },
      reason: m.confirmNotYou().text,
    }),
    // At most one confirmation mail a day for an address, however often the form is sent.
    { key: `newsletter:${subscriber.id}:confirmation:${parisDate(at)}` },
  );
  return ok({ id: subscriber.id, status: 'pending' });
}

/** The owner of the address confirmed it: the Lettre may be sent to them from now on. Twice changes nothing. */
export async function confirmSubscription(
  executor: Executor,
  id: string,
  source: string,
  at = new Date(),
): Promise<Result<Subscriber>> {
  const [confirmed] = await executor
    .update(newsletterSubscribers)
    .set({ status: 'confirmed', confirmedAt: at, updatedAt: at })
    .where(and(eq(newsletterSubscribers.id, id), eq(newsletterSubscribers.status, 'pending')))
    .returning();
  if (confirmed) {
    await recordConsent(executor, id, { action: 'confirm', method: 'link', source }, at);
    return ok(confirmed);
  }
  const [known] = await executor.select().from(newsletterSubscribers).where(eq(newsletterSubscribers.id, id));
  return known ? ok(known) : fail(404, 'not_found', m.subscriptionGone());
}

/** Stops every mail of the Lettre to this reader at once; the record says when and how. Twice changes nothing. */
export async function unsubscribe(
  executor: Executor,
  id: string,
  method: Extract<ConsentMethod, 'one_click' | 'link' | 'my_space' | 'staff'>,
  source: string,
  at = new Date(),
): Promise<Result<Subscriber>> {
  const [done] = await executor
    .update(newsletterSubscribers)
    .set({ status: 'unsubscribed', updatedAt: at })
    .where(and(eq(newsletterSubscribers.id, id), sql`${newsletterSubscribers.status} <> 'unsubscribed'`))
    .returning();
  if (done) {
    await recordConsent(executor, id, { action: 'unsubscribe', method, source }, at);
    return ok(done);
  }
  const [known] = await executor.select().from(newsletterSubscribers).where(eq(newsletterSubscribers.id, id));
  return known ? ok(known) : fail(404, 'not_found', m.subscriptionGone());
}

/** A reader's choices (from the link in every Lettre, or « Mon espace »). */
export async function setTopics(
  executor: Executor,
  id: string,
  input: unknown,
  method: Extract<ConsentMethod, 'link' | 'my_space'>,
  source: string,
  at = new Date(),
): Promise<Result<Subscriber>> {
  const parsed = z.array(z.string().regex(topicPattern, m.topicUnknown().text)).safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), { topics: m.topicUnknown().text });
  const topics = await checkTopics(executor, [...new Set(parsed.data)].sort());
  if (!topics.ok) return topics;
  const [updated] = await executor
    .update(newsletterSubscribers)
    .set({ topics: topics.value, updatedAt: at })
    .where(eq(newsletterSubscribers.id, id))
    .returning();
  if (!updated) return fail(404, 'not_found', m.subscriptionGone());
  await recordConsent(executor, id, { action: 'preferences', method, topics: topics.value, source }, at);
  return ok(updated);
}

/** The subscription of a person of the platform: theirs by link, else the one of their address. */
export async function subscriptionOfPerson(
  executor: Executor,
  person: { id: string; email: string | null },
): Promise<Subscriber | undefined> {
  const [byPerson] = await executor
    .select()
    .from(newsletterSubscribers)
    .where(eq(newsletterSubscribers.personId, person.id))
    .orderBy(desc(newsletterSubscribers.updatedAt))
    .limit(1);
  if (byPerson || !person.email) return byPerson;
  const [byEmail] = await executor
    .select()
    .from(newsletterSubscribers)
    .where(eq(newsletterSubscribers.email, person.email.toLowerCase()));
  return byEmail;
}

/** « Mon espace »: whether the person reads the Lettre, and the way to subscribe or change their choices. */
export async function letterForPerson(executor: Executor, personId: string) {
  const person = await getPerson(executor, personId);
  if (!person?.email) return undefined;
  const subscriber = await subscriptionOfPerson(executor, person);
  const reads = subscriber?.status === 'confirmed';
  return {
    title: 'La Lettre',
    items: [
      reads
        ? {
            label: 'Mes choix de lecture',
            href: '/lettre/abonnement',
            detail: `vous la recevez à ${subscriber.email}`,
          }
        : {
            label: 'M’abonner à La Lettre',
            href: '/lettre/abonnement',
            detail: 'en un clic, sans confirmation',
          },
    ],
    more: { label: 'Les Lettres parues', href: '/lettre' },
  };
}

export async function consentsOf(executor: Executor, subscriberId: string): Promise<Consent[]> {
  return executor
    .select()
    .from(newsletterConsents)
    .where(eq(newsletterConsents.subscriberId, subscriberId))
    .orderBy(asc(newsletterConsents.at));
}

/** A pending address never confirmed is forgotten after this many days (what the confirmation mail says). */
export const unconfirmedDays = 7;

/** Deletes the subscriptions never confirmed within 7 days, with their records; returns how many. */
export async function purgeUnconfirmedSubscribers(executor: Executor, at = new Date()): Promise<number> {
  const deleted = await executor
    .delete(newsletterSubscribers)
    .where(
      and(
        eq(newsletterSubscribers.status, 'pending'),
        isNull(newsletterSubscribers.confirmedAt),
        lt(newsletterSubscribers.createdAt, new Date(at.getTime() - unconfirmedDays * 86_400_000)),
      ),
    )
    .returning({ id: newsletterSubscribers.id });
  return deleted.length;
}

export const purgeSubscribersJob = 'newsletter.purge_unconfirmed';

// ——— Staff: finding readers ———

export interface SubscriberFilters {
  id?: string | undefined;
  q?: string | undefined;
  status?: Subscriber['status'] | undefined;
}

const subscriberWhere = (filters: SubscriberFilters): SQL | undefined =>
  and(
    filters.id ? eq(newsletterSubscribers.id, filters.id) : undefined,
    filters.q ? ilike(newsletterSubscribers.email, `%${filters.q.replace(/[\\%_]/g, '\\$&')}%`) : undefined,
    filters.status ? eq(newsletterSubscribers.status, filters.status) : undefined,
  );

export async function listSubscribers(
  executor: Executor,
  filters: SubscriberFilters,
  window?: { limit: number; offset: number },
): Promise<Subscriber[]> {
  const query = executor
    .select()
    .from(newsletterSubscribers)
    .where(subscriberWhere(filters))
    .orderBy(asc(newsletterSubscribers.email));
  return window ? query.limit(window.limit).offset(window.offset) : query;
}

/** How many readers in each state, and how many match the filters. */
export async function subscriberCounts(executor: Executor, filters: SubscriberFilters = {}) {
  const rows = await executor
    .select({ status: newsletterSubscribers.status, n: count() })
    .from(newsletterSubscribers)
    .groupBy(newsletterSubscribers.status);
  const [matching] = await executor
    .select({ n: count() })
    .from(newsletterSubscribers)
    .where(subscriberWhere(filters));
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<Subscriber['status'], number>
  >;
  return {
    pending: by.pending ?? 0,
    confirmed: by.confirmed ?? 0,
    unsubscribed: by.unsubscribed ?? 0,
    paused: by.paused ?? 0,
    matching: matching?.n ?? 0,
  };
}
