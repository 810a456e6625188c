// Expressions of interest (« pré-inscriptions »), before applications open; invited in one action.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDate, formatDateTime, parisDate } from '../../platform/time.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { applicationWindow } from './applications.ts';
import { expressionsOfInterest } from './program.schema.ts';
import { getProgram, type Program } from './programs.ts';

export const interestInput = z.object({
  firstName: text(100),
  lastName: text(100),
  email: z
    .string()
    .trim()
    .max(254, 'Adresse trop longue.')
    .pipe(z.email({ error: 'Adresse électronique invalide.' })),
  organisationName: text(200),
  mandate: text(300),
});

/** Interest is taken from the day the edition opens it (if set) until applications close. */
export function interestWindow(program: Program, at: Date): Result<true> {
  if (program.interestOpensOn && parisDate(at) < program.interestOpensOn) {
    return fail(
      422,
      'interest_not_open',
      `Les manifestations d’intérêt pour cette promotion ouvriront le ${formatDate(program.interestOpensOn)}.`,
    );
  }
  if (program.applicationsCloseAt && at >= program.applicationsCloseAt) {
    return fail(422, 'applications_closed', 'Les candidatures à cette promotion sont closes.');
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
  if (!parsed.success)
    return fail(400, 'invalid', 'Certaines informations sont invalides.', fieldErrors(parsed.error));
  const program = await getProgram(executor, programId);
  if (!program) return fail(404, 'not_found', 'Ce parcours n’existe pas.');
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

export async function listInterests(executor: Executor, programId: string) {
  return executor
    .select()
    .from(expressionsOfInterest)
    .where(eq(expressionsOfInterest.programId, programId))
    .orderBy(asc(expressionsOfInterest.createdAt));
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
  if (!program) return fail(404, 'not_found', 'Ce parcours n’existe pas.');
  const window = applicationWindow(program, at);
  if (!window.ok) {
    return fail(
      422,
      'applications_closed',
      program.applicationsOpenAt && at < program.applicationsOpenAt
        ? `Les candidatures ne sont pas encore ouvertes (elles ouvriront le ${formatDateTime(program.applicationsOpenAt)}) : les invitations partiront à ce moment-là.`
        : 'Les candidatures à cette promotion sont closes : il n’est plus temps d’inviter à candidater.',
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
        subject: `Les candidatures sont ouvertes : ${program.title}`,
        greeting: `Bonjour ${interest.firstName},`,
        paragraphs: [
          `Vous nous aviez fait part de votre intérêt pour le parcours « Diplomates des territoires » (${program.title}). Les candidatures sont ouvertes.`,
          'Connectez-vous avec l’adresse que votre collectivité a communiquée au réseau, puis déposez votre candidature ; le ou la référente de votre collectivité peut aussi la déposer pour vous.',
        ],
        action: { label: 'Candidater', url: `${baseUrl}/parcours/${programId}` },
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
