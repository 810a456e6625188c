// Expressions of interest (« pré-inscriptions »), before applications open; invited in one action.
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDate, formatDateTime, parisDate } from '../../platform/time.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { programMessages as m } from './program.messages.ts';
import { applicationWindow } from './program.pipeline.ts';
import { expressionsOfInterest } from './program.schema.ts';
import { getProgram, type Program } from './programs.ts';

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

export async function expressInterest(
  executor: Executor,
  programId: string,
  input: unknown,
  at = new Date(),
): Promise<Result<{ id: string }>> {
  const parsed = interestInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const program = await getProgram(executor, programId);
  if (!program) return fail(404, 'not_found', m.programNotFound());
  const window = interestWindow(program, at);
  if (!window.ok) return window;
  const [existing] = await executor
    .select({ id: expressionsOfInterest.id })
    .from(expressionsOfInterest)
    .where(
      and(
        eq(expressionsOfInterest.programId, programId),
        eq(sql`lower(${expressionsOfInterest.email})`, parsed.data.email.toLowerCase()),
      ),
    );
  // Saying it twice is not an error: the person is simply told we have it.
  if (existing) return ok(existing);
  const [row] = await executor
    .insert(expressionsOfInterest)
    .values({ programId, ...parsed.data })
    .returning({ id: expressionsOfInterest.id });
  await audit(executor, {
    actorId: null,
    action: 'express_interest',
    entity: 'program',
    entityId: programId,
    data: { id: row!.id },
  });
  return ok(row!);
}

/** An edition's interests in the order they came; a page of them when a window is given. */
export async function listInterests(
  executor: Executor,
  programId: string,
  window?: { limit: number; offset: number },
) {
  const query = executor
    .select()
    .from(expressionsOfInterest)
    .where(eq(expressionsOfInterest.programId, programId))
    .orderBy(asc(expressionsOfInterest.createdAt), asc(expressionsOfInterest.id));
  return window ? query.limit(window.limit).offset(window.offset) : query;
}

/** How many interests an edition has (only those not yet invited, with `invited: false`). */
export async function countInterests(
  executor: Executor,
  programId: string,
  options: { invited?: false } = {},
): Promise<number> {
  const [row] = await executor
    .select({ n: count() })
    .from(expressionsOfInterest)
    .where(
      and(
        eq(expressionsOfInterest.programId, programId),
        options.invited === false ? isNull(expressionsOfInterest.invitedAt) : undefined,
      ),
    );
  return row?.n ?? 0;
}

/**
 * Mails every person not yet invited a link to apply; returns how many were invited. The mail says that
 * applications are open: it leaves only while they are.
 */
export async function inviteInterested(
  executor: Executor,
  programId: string,
  actorId: string,
  baseUrl: string,
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
    .where(and(eq(expressionsOfInterest.programId, programId), isNull(expressionsOfInterest.invitedAt)))
    .returning();
  for (const interest of pending) {
    await queueMail(
      executor,
      composeMail({
        to: interest.email,
        subject: m.invitationSubject({ title: program.title }).text,
        greeting: m.invitationGreeting({ firstName: interest.firstName }).text,
        paragraphs: [m.invitationIntro({ title: program.title }).text, m.invitationHow().text],
        action: { label: m.invitationAction().text, url: `${baseUrl}/parcours/${programId}` },
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
