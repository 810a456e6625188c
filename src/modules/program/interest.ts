// Expressions of interest (« pré-inscriptions »), before applications open, with a double opt-in: the form
// stores a pending expression and mails a link to confirm the address; only confirmed ones are listed,
// exported and invited (the free name typed there ends up in a mass mail); the others are purged after
// 7 days. Every mail about it carries a link to withdraw, which deletes it and records that it was withdrawn.
// The links carry a signature of the expression's id made with the secrets key: nothing to store, nothing
// to forge (issue 11, finding 12).
import { and, asc, count, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { checkSignedValue, signValue } from '../../platform/secrets.ts';
import { formatDate, formatDateTime, parisDate } from '../../platform/time.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { programMessages as m } from './program.messages.ts';
import { applicationWindow } from './program.pipeline.ts';
import { expressionsOfInterest } from './program.schema.ts';
import { getProgram, type Program } from './programs.ts';

export type Interest = typeof expressionsOfInterest.$inferSelect;

/** An unconfirmed expression is deleted after this many days. */
export const unconfirmedDays = 7;

/** The public address of the links, and the key that signs them. */
export interface LinkSigning {
  baseUrl: string;
  secretsKey: Buffer;
}

export const interestInput = z.object({
  firstName: text(100),
  lastName: text(100),
  email: z
    .string()
    .trim()
    .max(254, m.emailTooLong().text)
    .pipe(z.email({ error: m.emailInvalid().text })),
  organisationName: text(200),
  mandate: text(300),
});

/** Interest is taken from the day the edition opens it (if set) until applications close. */
export function interestWindow(program: Program, at: Date): Result<true> {
  if (program.interestOpensOn && parisDate(at) < program.interestOpensOn) {
    return fail(422, 'interest_not_open', m.interestNotOpen({ day: formatDate(program.interestOpensOn) }));
  }
  if (program.applicationsCloseAt && at >= program.applicationsCloseAt) {
    return fail(422, 'applications_closed', m.applicationsClosed());
  }
  return ok(true);
}

// ——— Links in the mails ———

const purposes = { confirm: 'program.interest.confirm', withdraw: 'program.interest.withdraw' } as const;
export type InterestLink = keyof typeof purposes;

/** `/parcours/interet/<id>/confirmer?jeton=…` or `…/retirer?jeton=…`: the token signs the id and the purpose. */
export function interestLink(signing: LinkSigning, id: string, link: InterestLink): string {
  const path = link === 'confirm' ? 'confirmer' : 'retirer';
  return `${signing.baseUrl}/parcours/interet/${id}/${path}?jeton=${signValue(signing.secretsKey, purposes[link], id)}`;
}

/** The expression a link names, if its token is the one we signed for it (else undefined, said as gone). */
export async function interestOfLink(
  executor: Executor,
  secretsKey: Buffer,
  id: string,
  token: string,
  link: InterestLink,
): Promise<{ interest: Interest; program: Program } | undefined> {
  if (!checkSignedValue(secretsKey, purposes[link], id, token)) return undefined;
  const [interest] = await executor
    .select()
    .from(expressionsOfInterest)
    .where(eq(expressionsOfInterest.id, id));
  if (!interest) return undefined;
  const program = await getProgram(executor, interest.programId);
  return program && { interest, program };
}

/** Why the person receives a mail about it, and how to stop: every such mail ends with it. */
function footnote(signing: LinkSigning, id: string) {
  return m.interestFootnote({ network: network().name, url: interestLink(signing, id, 'withdraw') }).text;
}

// ——— Saying one is interested, confirming, withdrawing ———

/**
 * Stores a pending expression of interest and mails the address a link to confirm it. The answer is the
 * same whatever the address (known, pending, new): the form tells nobody who else is interested. Said again
 * while pending, the details are updated and the link sent again (once a day at most).
 */
export async function expressInterest(
  executor: Executor,
  programId: string,
  input: unknown,
  signing: LinkSigning,
  at = new Date(),
): Promise<Result<{ id: string }>> {
  const parsed = interestInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const program = await getProgram(executor, programId);
  if (!program) return fail(404, 'not_found', m.programNotFound());
  const window = interestWindow(program, at);
  if (!window.ok) return window;
  const [existing] = await executor
    .select({ id: expressionsOfInterest.id, confirmedAt: expressionsOfInterest.confirmedAt })
    .from(expressionsOfInterest)
    .where(
      and(
        eq(expressionsOfInterest.programId, programId),
        eq(sql`lower(${expressionsOfInterest.email})`, parsed.data.email.toLowerCase()),
      ),
    );
  // Already confirmed: nothing to do (and nothing said that another visitor could read).
  if (existing?.confirmedAt) return ok({ id: existing.id });
  let id: string;
  if (existing) {
    await executor
      .update(expressionsOfInterest)
      .set({ ...parsed.data })
      .where(eq(expressionsOfInterest.id, existing.id));
    id = existing.id;
  } else {
    const [row] = await executor
      .insert(expressionsOfInterest)
      .values({ programId, ...parsed.data, createdAt: at })
      .returning({ id: expressionsOfInterest.id });
    id = row!.id;
    await audit(executor, {
      actorId: null,
      action: 'express_interest',
      entity: 'program',
      entityId: programId,
      data: { id },
    });
  }
  await queueMail(
    executor,
    composeMail({
      to: parsed.data.email,
      subject: m.confirmInterestSubject({ title: program.title }).text,
      greeting: m.invitationGreeting({ firstName: parsed.data.firstName }).text,
      paragraphs: [
        m.confirmInterestIntro({ title: program.title, network: network().name }).text,
        m.confirmInterestDelay({ days: unconfirmedDays }).text,
      ],
      action: { label: m.confirmInterestAction().text, url: interestLink(signing, id, 'confirm') },
      footnote: footnote(signing, id),
    }),
    { key: `interest:${id}:confirmation:${parisDate(at)}` },
  );
  return ok({ id });
}

/** The address is confirmed: the expression is listed from now on. Confirming twice changes nothing. */
export async function confirmInterest(
  executor: Executor,
  id: string,
  at = new Date(),
): Promise<Result<Interest>> {
  const [confirmed] = await executor
    .update(expressionsOfInterest)
    .set({ confirmedAt: at })
    .where(and(eq(expressionsOfInterest.id, id), isNull(expressionsOfInterest.confirmedAt)))
    .returning();
  if (confirmed) {
    await audit(executor, {
      actorId: null,
      action: 'confirm_interest',
      entity: 'program',
      entityId: confirmed.programId,
      data: { id },
    });
    return ok(confirmed);
  }
  const [known] = await executor.select().from(expressionsOfInterest).where(eq(expressionsOfInterest.id, id));
  return known ? ok(known) : fail(404, 'not_found', m.interestGone());
}

/**
 * Consent withdrawn: the expression is deleted, and the audit log keeps that it was given and withdrawn, and
 * when — without the person's name or address.
 */
export async function withdrawInterest(
  executor: Executor,
  id: string,
): Promise<Result<{ programId: string }>> {
  const [deleted] = await executor
    .delete(expressionsOfInterest)
    .where(eq(expressionsOfInterest.id, id))
    .returning({
      programId: expressionsOfInterest.programId,
      createdAt: expressionsOfInterest.createdAt,
      confirmedAt: expressionsOfInterest.confirmedAt,
    });
  if (!deleted) return fail(404, 'not_found', m.interestGone());
  await audit(executor, {
    actorId: null,
    action: 'withdraw_interest',
    entity: 'program',
    entityId: deleted.programId,
    data: {
      id,
      givenAt: deleted.createdAt.toISOString(),
      confirmedAt: deleted.confirmedAt?.toISOString() ?? null,
    },
  });
  return ok({ programId: deleted.programId });
}

/** Deletes the expressions never confirmed within 7 days; returns how many (the `schedules` job). */
export async function purgeUnconfirmedInterests(executor: Executor, at = new Date()): Promise<number> {
  const deleted = await executor
    .delete(expressionsOfInterest)
    .where(
      and(
        isNull(expressionsOfInterest.confirmedAt),
        lt(expressionsOfInterest.createdAt, new Date(at.getTime() - unconfirmedDays * 86_400_000)),
      ),
    )
    .returning({ id: expressionsOfInterest.id });
  return deleted.length;
}

export const purgeInterestsJob = 'program.purge_unconfirmed_interests';

// ——— Staff: the confirmed expressions ———

const confirmed = isNotNull(expressionsOfInterest.confirmedAt);

/** An edition's confirmed interests in the order they came; a page of them when a window is given. */
export async function listInterests(
  executor: Executor,
  programId: string,
  window?: { limit: number; offset: number },
) {
  const query = executor
    .select()
    .from(expressionsOfInterest)
    .where(and(eq(expressionsOfInterest.programId, programId), confirmed))
    .orderBy(asc(expressionsOfInterest.createdAt), asc(expressionsOfInterest.id));
  return window ? query.limit(window.limit).offset(window.offset) : query;
}

/**
 * How many confirmed interests an edition has (only those not yet invited, with `invited: false`); the
 * unconfirmed ones, with `pending: true`.
 */
export async function countInterests(
  executor: Executor,
  programId: string,
  options: { invited?: false; pending?: true } = {},
): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(expressionsOfInterest)
    .where(
      and(
        eq(expressionsOfInterest.programId, programId),
        options.pending ? isNull(expressionsOfInterest.confirmedAt) : confirmed,
        options.invited === false ? isNull(expressionsOfInterest.invitedAt) : undefined,
      ),
    );
  return row?.n ?? 0;
}

/**
 * Mails every confirmed person not yet invited a link to apply; returns how many were invited. The mail says
 * that applications are open: it leaves only while they are.
 */
export async function inviteInterested(
  executor: Executor,
  programId: string,
  actorId: string,
  signing: LinkSigning,
  at = new Date(),
): Promise<Result<number>> {
  const program = await getProgram(executor, programId);
  if (!program) return fail(404, 'not_found', m.programNotFound());
  const window = applicationWindow(program, at);
  if (!window.ok) {
    return fail(
      422,
      'applications_closed',
      program.applicationsOpenAt && at < program.applicationsOpenAt
        ? m.notYetTimeToInvite({ opens: formatDateTime(program.applicationsOpenAt) })
        : m.noLongerTimeToInvite(),
    );
  }
  const pending = await executor
    .update(expressionsOfInterest)
    .set({ invitedAt: sql`now()` })
    .where(
      and(eq(expressionsOfInterest.programId, programId), confirmed, isNull(expressionsOfInterest.invitedAt)),
    )
    .returning();
  for (const interest of pending) {
    await queueMail(
      executor,
      composeMail({
        to: interest.email,
        subject: m.invitationSubject({ title: program.title }).text,
        greeting: m.invitationGreeting({ firstName: interest.firstName }).text,
        paragraphs: [m.invitationIntro({ title: program.title }).text, m.invitationHow().text],
        action: { label: m.invitationAction().text, url: `${signing.baseUrl}/parcours/${programId}` },
        footnote: footnote(signing, interest.id),
      }),
      { key: `interest:${interest.id}:invited` },
    );
  }
  await audit(executor, {
    actorId,
    action: 'invite_interested',
    entity: 'program',
    entityId: programId,
    data: { count: pending.length },
  });
  return ok(pending.length);
}
