// Sending an issue of the Lettre: to one segment of the confirmed readers, each reader once whatever happens
// (a send started twice, two processes, a kill -9 half-way), at the rate the SMTP relay allows, with the
// progress for staff. Decision 022, « Sending ».
//
// Starting a send writes one delivery per reader under the unique (issue, reader) pair: whoever already has
// one is not written again. Workers claim pending deliveries with a lease (FOR UPDATE SKIP LOCKED, so two
// processes never take the same one) and mark each sent as soon as the SMTP server accepted it. A worker that
// dies leaves its claimed deliveries to come back when their lease expires: only a mail the server accepted
// in the instant before the death can go twice, with the same Message-ID (the delivery's id).
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { audit } from '../../platform/db/audit.ts';
import { type Db, type Executor, queryRows } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { jobsInsert } from '../../platform/jobs/queue.ts';
import { type MailTransport, messageIdOf, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { listGroups } from '../groups/groups.ts';
import { followerIds } from '../groups/members.ts';
import { peopleWithStanding } from '../organisations/memberships.ts';
import { getPerson } from '../organisations/people.ts';
import { generatedParts } from './generated.ts';
import { getIssue, type IssueDocument } from './issues.ts';
import { personalise, renderLetterMail } from './letter-mail.tsx';
import { newsletterMessages as m } from './newsletter.messages.ts';
import { newsletterDeliveries, newsletterSends, newsletterSubscribers } from './newsletter.schema.ts';
import { groupTopic, type LinkSigning, letterTopic, subscriptionLink } from './subscriptions.ts';

export const deliverJob = 'newsletter.deliver';

// ——— Segments ———

const personSegments = {
  adherents: 'Les lecteurs des collectivités adhérentes (à jour de cotisation)',
  elus: 'Les élus et élues',
  agents: 'Les agents des collectivités',
} as const;
export type Segment = 'tous' | keyof typeof personSegments | `groupe:${string}`;

export async function segmentChoices(executor: Executor): Promise<{ value: Segment; label: string }[]> {
  const groups = await listGroups(executor);
  return [
    { value: 'tous', label: 'Tous les abonnés à la Lettre' },
    ...Object.entries(personSegments).map(([value, label]) => ({ value: value as Segment, label })),
    ...groups
      .filter((g) => !g.archivedAt)
      .map((g) => ({
        value: `groupe:${g.id}` as Segment,
        label: `Les abonnés aux nouvelles du groupe ${g.name} et ses suivis`,
      })),
  ];
}

/**
 * The confirmed readers a segment reaches, as a condition on `newsletter_subscribers`: La Lettre's readers
 * (all, or those whose person is a member, an élu, an officer), or a group's (who chose its news, or follow
 * it as a person of the platform). Persons are read through the organisations' and groups' functions.
 */
async function segmentCondition(executor: Executor, segment: string, at: Date) {
  const confirmed = eq(newsletterSubscribers.status, 'confirmed');
  const reads = (topic: string) => sql`${topic} = any(${newsletterSubscribers.topics})`;
  if (segment === 'tous') return and(confirmed, reads(letterTopic));
  if (segment in personSegments) {
    const linked = await executor
      .select({ personId: newsletterSubscribers.personId })
      .from(newsletterSubscribers)
      .where(and(confirmed, sql`${newsletterSubscribers.personId} is not null`));
    const people = await peopleWithStanding(
      executor,
      linked.map((r) => r.personId!),
      at,
    );
    const ids = people
      .filter((p) =>
        segment === 'adherents' ? p.member : p.kind === (segment === 'elus' ? 'elected' : 'officer'),
      )
      .map((p) => p.id);
    return and(confirmed, reads(letterTopic), sql`${newsletterSubscribers.personId} = any(${toUuids(ids)})`);
  }
  const group = /^groupe:([0-9a-f-]{36})$/.exec(segment)?.[1];
  if (group && (await listGroups(executor)).some((g) => g.id === group)) {
    const followers = await followerIds(executor, [group]);
    return and(
      confirmed,
      sql`(${reads(groupTopic(group))} or ${newsletterSubscribers.personId} = any(${toUuids(followers)}))`,
    );
  }
  return undefined;
}

const toUuids = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

export interface SendPreview {
  /** Readers who will receive it. */
  count: number;
  /** Readers of the segment who received this issue already (not sent again). */
  already: number;
  /** The first addresses, for staff to see whom it goes to. */
  sample: string[];
}

/** Whom sending `issueId` to `segment` would reach now: shown before staff confirm. */
export async function previewSend(
  executor: Executor,
  issueId: string,
  segment: string,
  at = new Date(),
): Promise<Result<SendPreview>> {
  const condition = await segmentCondition(executor, segment, at);
  if (!condition) return fail(400, 'invalid', m.invalid(), { segment: m.segmentUnknown().text });
  const rows = await queryRows<{ email: string; already: boolean }>(
    executor,
    sql`select ${newsletterSubscribers.email} as email, exists (select 1 from ${newsletterDeliveries} d
          where d.issue_id = ${issueId}::uuid and d.subscriber_id = ${newsletterSubscribers.id}) as already
        from ${newsletterSubscribers} where ${condition} order by 1`,
  );
  const fresh = rows.filter((r) => !r.already);
  return ok({
    count: fresh.length,
    already: rows.length - fresh.length,
    sample: fresh.slice(0, 20).map((r) => r.email),
  });
}

/**
 * Sends a published issue to a segment: one delivery per reader who has none for this issue yet, the mail
 * rendered once for all. Returns how many readers it adds (0 when started again: nobody twice).
 */
export async function startSend(
  executor: Executor,
  issueId: string,
  segment: string,
  actorId: string | null,
  baseUrl: string,
  at = new Date(),
): Promise<Result<{ recipients: number; sendId: string | undefined }>> {
  const document = await getIssue(executor, issueId);
  if (!document) return fail(404, 'not_found', m.notFound());
  if (!document.issue.publishedAt) return fail(409, 'not_published', m.sendUnpublished());
  const condition = await segmentCondition(executor, segment, at);
  if (!condition) return fail(400, 'invalid', m.invalid(), { segment: m.segmentUnknown().text });
  const sendId = randomUUID();
  const mail = await renderFor(executor, document, sendId, baseUrl);
  await executor.insert(newsletterSends).values({
    id: sendId,
    issueId,
    segment,
    ...mail,
    recipients: 0,
    createdBy: actorId,
    createdAt: at,
  });
  // One statement: readers who have a delivery of this issue (from this segment or another) are skipped by
  // the unique index, also when two sends run at the same instant.
  const added = await queryRows<{ id: string }>(
    executor,
    sql`insert into ${newsletterDeliveries} (send_id, issue_id, subscriber_id, email, run_at)
        select ${sendId}::uuid, ${issueId}::uuid, ${newsletterSubscribers.id}, ${newsletterSubscribers.email},
          ${at.toISOString()}::timestamptz
        from ${newsletterSubscribers} where ${condition}
        on conflict (issue_id, subscriber_id) do nothing returning id`,
  );
  if (added.length === 0) {
    await executor.delete(newsletterSends).where(eq(newsletterSends.id, sendId));
    return ok({ recipients: 0, sendId: undefined });
  }
  await executor
    .update(newsletterSends)
    .set({ recipients: added.length })
    .where(eq(newsletterSends.id, sendId));
  await executor.execute(jobsInsert([{ kind: deliverJob, payload: { sendId }, runAt: at }]));
  await audit(executor, {
    actorId,
    action: 'send_newsletter',
    entity: 'newsletter_issue',
    entityId: issueId,
    data: { segment, recipients: added.length, sendId },
  });
  return ok({ recipients: added.length, sendId });
}

async function renderFor(executor: Executor, document: IssueDocument, sendId: string, baseUrl: string) {
  return renderLetterMail({
    sendId,
    document,
    ...(await generatedParts(executor, document, baseUrl)),
    baseUrl,
  });
}

/**
 * Mails the issue, as readers will get it, to the staff member asking (through the outbox): draft or not.
 * Its links lead to the subscription page, since the staff member may not be a reader.
 */
export async function testSend(
  executor: Executor,
  issueId: string,
  actorId: string,
  baseUrl: string,
): Promise<Result<true>> {
  const document = await getIssue(executor, issueId);
  if (!document) return fail(404, 'not_found', m.notFound());
  const person = await getPerson(executor, actorId);
  if (!person?.email) return fail(422, 'no_address', m.noOwnAddress());
  const sendId = randomUUID();
  const mail = await renderFor(executor, document, sendId, baseUrl);
  const links = { unsubscribe: `${baseUrl}/lettre/abonnement`, preferences: `${baseUrl}/lettre/abonnement` };
  await queueMail(executor, {
    to: person.email,
    subject: `[Essai] ${mail.subject}`,
    html: personalise(mail.html, sendId, links, true),
    text: personalise(mail.text, sendId, links, false),
  });
  return ok(true);
}

/** A sending delivered in the past, all at once (the demo's Lettre of November 2025). */
export async function markDelivered(executor: Executor, sendId: string, at: Date) {
  await executor
    .update(newsletterDeliveries)
    .set({ status: 'sent', sentAt: at })
    .where(and(eq(newsletterDeliveries.sendId, sendId), eq(newsletterDeliveries.status, 'pending')));
}

export interface Progress {
  sent: number;
  remaining: number;
  failed: number;
}

export async function progressOf(executor: Executor, issueId: string): Promise<Progress> {
  const rows = await executor
    .select({ status: newsletterDeliveries.status, n: sql<number>`count(*)::int` })
    .from(newsletterDeliveries)
    .where(eq(newsletterDeliveries.issueId, issueId))
    .groupBy(newsletterDeliveries.status);
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { sent: by.sent ?? 0, remaining: by.pending ?? 0, failed: by.failed ?? 0 };
}

/** The sends of an issue, newest first (for its page). */
export async function sendsOf(executor: Executor, issueId: string) {
  return executor
    .select({
      id: newsletterSends.id,
      segment: newsletterSends.segment,
      recipients: newsletterSends.recipients,
      createdAt: newsletterSends.createdAt,
    })
    .from(newsletterSends)
    .where(eq(newsletterSends.issueId, issueId))
    .orderBy(sql`${newsletterSends.createdAt} desc`);
}

/** The failed deliveries of an issue, with why (for staff). */
export async function failuresOf(executor: Executor, issueId: string) {
  return executor
    .select({ email: newsletterDeliveries.email, lastError: newsletterDeliveries.lastError })
    .from(newsletterDeliveries)
    .where(and(eq(newsletterDeliveries.issueId, issueId), eq(newsletterDeliveries.status, 'failed')))
    .orderBy(newsletterDeliveries.email)
    .limit(200);
}

// ——— Delivering ———

/**
 * A claimed delivery is the worker's for this long, renewed every third of it while the batch goes on (a slow
 * rate or a slow server cannot let another worker take a delivery still in hand); a worker killed frees its
 * deliveries that much later.
 */
const defaultLeaseSeconds = 30;
const batchSize = 100;
/** Temporary failures (4xx, a lost connection) are tried again this many times, with backoff. */
export const maxDeliveryAttempts = 5;

/** Spaces the sends of one process to `perSecond` (0: no limit). */
function pacer(perSecond: number) {
  let next = 0;
  return async () => {
    if (perSecond <= 0) return;
    const now = Date.now();
    const wait = next - now;
    next = Math.max(now, next) + 1000 / perSecond;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };
}

/** An SMTP answer that will not change by trying again: the address is refused (5xx). */
const permanent = (error: unknown) => {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

export interface DelivererOptions {
  /** A transport for one run of the job (a pool of connections, closed when the run ends). */
  transport: () => MailTransport;
  domain: string;
  signing: LinkSigning;
  ratePerSecond: number;
  /** Mails in flight at once (the pool's connections). */
  concurrency: number;
  /** How long a claim holds (30 s; shorter in the tests of its renewal). */
  leaseSeconds?: number;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/**
 * The job that delivers a sending: claims batches of its pending deliveries until none is left, then, if
 * some wait for a retry or are held by another process, comes back when the first of them is due.
 */
export function deliverHandler(db: Db, options: DelivererOptions) {
  const pace = pacer(options.ratePerSecond);
  const leaseSeconds = options.leaseSeconds ?? defaultLeaseSeconds;
  return async (payload: Record<string, unknown>) => {
    const sendId = String(payload.sendId);
    const [send] = await db.select().from(newsletterSends).where(eq(newsletterSends.id, sendId));
    if (!send) return;
    const n = network();
    const transport = options.transport();
    try {
      for (;;) {
        const claimed = await queryRows<Claimed>(
          db,
          sql`update ${newsletterDeliveries}
              set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
            where id in (select id from ${newsletterDeliveries}
              where send_id = ${sendId}::uuid and status = 'pending' and run_at <= now()
                and (locked_until is null or locked_until < now())
              order by run_at, id limit ${batchSize} for update skip locked)
            returning id, email, subscriber_id, attempts,
              (select s.status from ${newsletterSubscribers} s where s.id = subscriber_id) as reader`,
        );
        if (claimed.length === 0) break;
        const queue = [...claimed];
        // Waiting or being sent: the deliveries whose lease this worker keeps.
        const held = new Set(claimed.map((d) => d.id));
        const worker = async () => {
          for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
            await deliverOne(db, { ...options, transport }, send, delivery, n.email, pace);
            held.delete(delivery.id);
          }
        };
        const renewal = setInterval(
          () => {
            const ids = [...held];
            if (ids.length === 0) return;
            db.execute(sql`update ${newsletterDeliveries} set locked_until = now() + make_interval(secs => ${leaseSeconds})
              where id = any(${`{${ids.join(',')}}`}::uuid[]) and status = 'pending'`).catch(
              (error: unknown) =>
                options.logger.warn({ err: error }, 'Lettre : bail des envois non renouvelé'),
            );
          },
          (leaseSeconds * 1000) / 3,
        );
        try {
          await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
        } finally {
          clearInterval(renewal);
        }
      }
    } finally {
      transport.close();
    }
    const [waiting] = await queryRows<{ due: string | Date | null }>(
      db,
      sql`select min(greatest(run_at, coalesce(locked_until, run_at))) as due from ${newsletterDeliveries}
          where send_id = ${sendId}::uuid and status = 'pending'`,
    );
    if (waiting?.due) {
      await db.execute(
        jobsInsert([
          { kind: deliverJob, payload: { sendId }, runAt: new Date(new Date(waiting.due).getTime() + 1000) },
        ]),
      );
    }
  };
}

interface Claimed {
  id: string;
  email: string;
  subscriber_id: string | null;
  attempts: number;
  /** The reader's status now. */
  reader: string | null;
}

async function deliverOne(
  db: Db,
  options: Omit<DelivererOptions, 'transport'> & { transport: MailTransport },
  send: typeof newsletterSends.$inferSelect,
  delivery: Claimed,
  networkEmail: string,
  pace: () => Promise<void>,
) {
  // A reader who unsubscribed (or was erased) since the send started gets nothing more.
  if (!delivery.subscriber_id || delivery.reader !== 'confirmed') {
    await db
      .update(newsletterDeliveries)
      .set({ status: 'cancelled', lockedUntil: null })
      .where(eq(newsletterDeliveries.id, delivery.id));
    return;
  }
  const links = {
    unsubscribe: subscriptionLink(options.signing, delivery.subscriber_id, 'unsubscribe'),
    preferences: subscriptionLink(options.signing, delivery.subscriber_id, 'preferences'),
  };
  try {
    if (options.transport.configured) {
      await pace();
      await options.transport.send({
        to: delivery.email,
        subject: send.subject,
        html: personalise(send.html, send.id, links, true),
        text: personalise(send.text, send.id, links, false),
        messageId: messageIdOf(delivery.id, options.domain),
        headers: {
          // RFC 2369 and RFC 8058: the client's « unsubscribe » button, a POST on the signed link.
          'List-Unsubscribe': `<${links.unsubscribe}>, <mailto:${networkEmail}?subject=${encodeURIComponent(`Désabonnement ${delivery.subscriber_id}`)}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `La Lettre <lettre.${options.domain}>`,
        },
      });
    }
    await db
      .update(newsletterDeliveries)
      .set({ status: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null })
      .where(eq(newsletterDeliveries.id, delivery.id));
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    if (permanent(error)) {
      await markFailed(db, delivery.id, message);
      // The address is refused by its server: the Lettre stops going there until the reader subscribes again.
      await db
        .update(newsletterSubscribers)
        .set({ status: 'paused', updatedAt: new Date() })
        .where(
          and(
            eq(newsletterSubscribers.id, delivery.subscriber_id),
            eq(newsletterSubscribers.status, 'confirmed'),
          ),
        );
      options.logger.warn({ delivery: delivery.id }, 'Lettre : adresse refusée, abonnement suspendu');
      return;
    }
    if (delivery.attempts >= maxDeliveryAttempts) return markFailed(db, delivery.id, message);
    const delay = 30 * 2 ** (delivery.attempts - 1);
    await db.execute(sql`update ${newsletterDeliveries}
      set locked_until = null, last_error = ${message}, run_at = now() + make_interval(secs => ${delay})
      where id = ${delivery.id}::uuid`);
  }
}

async function markFailed(db: Db, id: string, message: string) {
  await db
    .update(newsletterDeliveries)
    .set({ status: 'failed', lockedUntil: null, lastError: message })
    .where(eq(newsletterDeliveries.id, id));
}
