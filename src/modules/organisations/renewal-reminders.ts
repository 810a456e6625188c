// Reminding late members to renew (last year's members without a membership this year): one organisation or
// all of them, in campaigns numbered per year (« relance n° 2 de 2027 »). Each organisation is reminded once
// per campaign — the primary key of renewal_reminders decides, so a second click, or two staff members at
// once, write nothing more — and its mails go through the job queue. A reminder reaches the organisation's
// referents; with none, its élus.
import { and, asc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { enqueue, type JobHandler } from '../../platform/jobs/queue.ts';
import { composeMail, type MailMessage, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisYear } from '../../platform/time.ts';
import { fieldErrors, optional, uuid } from '../../platform/validation.ts';
import { listRenewalsDue, type Membership } from './memberships.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { people, renewalReminders } from './organisations.schema.ts';
import { getOrganisation, type Organisation } from './organisations.ts';
import type { Person } from './people.ts';

export const renewalReminderJob = 'organisations.renewal_reminder';

export interface ReminderRecipient {
  person: Person;
  /** Why this person: the organisation's referent, or one of its élus when it has no referent. */
  why: 'referent' | 'elected';
}

/** Whom a reminder reaches, by organisation: its referents with an enabled account; with none, its élus. */
export async function reminderRecipients(
  executor: Executor,
  organisationIds: readonly string[],
): Promise<Map<string, ReminderRecipient[]>> {
  const byOrganisation = new Map<string, ReminderRecipient[]>(organisationIds.map((id) => [id, []]));
  if (organisationIds.length === 0) return byOrganisation;
  const rows = await executor
    .select()
    .from(people)
    .where(and(inArray(people.organisationId, [...organisationIds]), isNull(people.disabledAt)))
    .orderBy(asc(people.lastName), asc(people.firstName));
  for (const id of organisationIds) {
    const theirs = rows.filter((p) => p.organisationId === id);
    const referents = theirs.filter((p) => p.referent);
    byOrganisation.set(
      id,
      referents.length
        ? referents.map((person) => ({ person, why: 'referent' as const }))
        : theirs.filter((p) => p.kind === 'elected').map((person) => ({ person, why: 'elected' as const })),
    );
  }
  return byOrganisation;
}

/** The mail of a reminder, as the recipient reads it (the preview shows the same). */
export function reminderMessage(
  baseUrl: string,
  organisation: Pick<Organisation, 'name'>,
  recipient: ReminderRecipient,
  year: number,
): MailMessage {
  const { name, email, phone } = network();
  const params = { organisation: organisation.name, year, network: name };
  return {
    to: recipient.person.email,
    subject: m.reminderSubject(params).text,
    greeting: `Bonjour ${recipient.person.firstName},`,
    paragraphs: [m.reminderBody(params).text, m.reminderContact({ email, phone }).text],
    action: { label: m.reminderAction().text, url: `${baseUrl}/mon-espace` },
    reason: (recipient.why === 'referent' ? m.reminderWhyReferent : m.reminderWhyElected)({
      organisation: organisation.name,
    }).text,
  };
}

async function lastRound(executor: Executor, year: number): Promise<number> {
  const [row] = await executor
    .select({ round: max(renewalReminders.round) })
    .from(renewalReminders)
    .where(eq(renewalReminders.year, year));
  return row?.round ?? 0;
}

export const previewQuery = z.object({
  organisation: optional(uuid),
  tour: optional(z.coerce.number().int().min(1).max(1000)),
});

export interface ReminderPreviewRow {
  organisation: Organisation;
  lastYear: Membership;
  recipients: ReminderRecipient[];
  /** When it was reminded in this campaign already (it will not be again). */
  remindedAt: Date | null;
}

/**
 * Who a campaign would remind, and of what. Without a round asked for, the current campaign while it has
 * late organisations left to remind, else the next one.
 */
export async function reminderPreview(
  executor: Executor,
  options: { organisationId?: string | undefined; round?: number | undefined; baseUrl: string; at?: Date },
): Promise<
  Result<{
    year: number;
    round: number;
    lastRound: number;
    rows: ReminderPreviewRow[];
    example: MailMessage | undefined;
  }>
> {
  const year = parisYear(options.at);
  const last = await lastRound(executor, year);
  const due = (await listRenewalsDue(executor, year)).filter(
    (r) => !options.organisationId || r.organisation.id === options.organisationId,
  );
  if (options.organisationId && due.length === 0) return fail(422, 'not_late', m.notLate());
  const ids = due.map((r) => r.organisation.id);
  const reminded = async (round: number) =>
    ids.length
      ? await executor
          .select()
          .from(renewalReminders)
          .where(
            and(
              eq(renewalReminders.year, year),
              eq(renewalReminders.round, round),
              inArray(renewalReminders.organisationId, ids),
            ),
          )
      : [];
  let round = options.round ?? Math.max(1, last);
  if (round > last + 1) return fail(422, 'unknown_round', m.roundUnknown({ next: last + 1 }));
  let done = await reminded(round);
  if (options.round === undefined && last > 0 && done.length === ids.length && ids.length > 0) {
    round = last + 1;
    done = [];
  }
  const recipients = await reminderRecipients(executor, ids);
  const rows = due.map(({ organisation, lastYear }) => ({
    organisation,
    lastYear,
    recipients: recipients.get(organisation.id) ?? [],
    remindedAt: done.find((d) => d.organisationId === organisation.id)?.createdAt ?? null,
  }));
  const first = rows.find((r) => !r.remindedAt && r.recipients.length);
  return ok({
    year,
    round,
    lastRound: last,
    rows,
    example: first
      ? reminderMessage(options.baseUrl, first.organisation, first.recipients[0]!, year)
      : undefined,
  });
}

export const reminderInput = z.object({
  year: z.coerce.number({ error: m.yearExpected().text }).int(m.yearExpected().text),
  round: z.coerce
    .number({ error: m.roundUnknown({ next: 1 }).text })
    .int()
    .min(1)
    .max(1000),
  organisationId: optional(uuid),
});

/**
 * Records the reminders of a campaign (one organisation, or every late one) and queues their sending;
 * returns how many organisations are reminded now (0 when a second click finds them all done).
 */
export async function queueRenewalReminders(
  executor: Executor,
  input: unknown,
  actorId: string | null,
  at = new Date(),
): Promise<Result<{ queued: number; round: number }>> {
  const parsed = reminderInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { year, round, organisationId } = parsed.data;
  if (year !== parisYear(at)) return fail(409, 'year_changed', m.yearChanged());
  const last = await lastRound(executor, year);
  if (round > last + 1) return fail(422, 'unknown_round', m.roundUnknown({ next: last + 1 }));
  const due = (await listRenewalsDue(executor, year)).filter(
    (r) => !organisationId || r.organisation.id === organisationId,
  );
  if (organisationId && due.length === 0) return fail(422, 'not_late', m.notLate());
  if (due.length === 0) return ok({ queued: 0, round });
  const inserted = await executor
    .insert(renewalReminders)
    .values(due.map((r) => ({ year, round, organisationId: r.organisation.id, createdBy: actorId })))
    .onConflictDoNothing()
    .returning({ organisationId: renewalReminders.organisationId });
  for (const { organisationId: id } of inserted) {
    await enqueue(executor, renewalReminderJob, { year, round, organisationId: id });
  }
  if (inserted.length) {
    await audit(executor, {
      actorId,
      action: 'remind',
      entity: 'renewal_campaign',
      entityId: `${year}-${round}`,
      data: { organisations: inserted.map((r) => r.organisationId) },
    });
  }
  return ok({ queued: inserted.length, round });
}

/**
 * Sends one organisation's reminder of a campaign: a mail to each recipient (each written once, under its
 * key, should the job run twice), unless the organisation renewed since it was queued.
 */
export function renewalReminderHandler(db: Db, baseUrl: string): JobHandler {
  return async (payload) => {
    const year = Number(payload.year);
    const round = Number(payload.round);
    const organisationId = String(payload.organisationId);
    await db.transaction(async (tx) => {
      const [reminder] = await tx
        .select()
        .from(renewalReminders)
        .where(
          and(
            eq(renewalReminders.year, year),
            eq(renewalReminders.round, round),
            eq(renewalReminders.organisationId, organisationId),
          ),
        )
        .for('update');
      if (!reminder || reminder.sentAt) return;
      const organisation = await getOrganisation(tx, organisationId);
      const stillLate = (await listRenewalsDue(tx, year)).some((r) => r.organisation.id === organisationId);
      const recipients =
        organisation && stillLate
          ? (await reminderRecipients(tx, [organisationId])).get(organisationId)!
          : [];
      for (const recipient of recipients) {
        await queueMail(tx, composeMail(reminderMessage(baseUrl, organisation!, recipient, year)), {
          key: `renewal-reminder:${year}:${round}:${organisationId}:${recipient.person.id}`,
        });
      }
      await tx
        .update(renewalReminders)
        .set({ sentAt: sql`now()`, recipients: recipients.length })
        .where(
          and(
            eq(renewalReminders.year, year),
            eq(renewalReminders.round, round),
            eq(renewalReminders.organisationId, organisationId),
          ),
        );
    });
  };
}

/** The reminders of this year, by organisation: the latest of each (for the renewals page). */
export async function lastReminders(executor: Executor, year: number) {
  const rows = await executor
    .select()
    .from(renewalReminders)
    .where(eq(renewalReminders.year, year))
    .orderBy(asc(renewalReminders.round));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) latest.set(row.organisationId, row);
  return latest;
}
