// Applications to an edition: who may apply, the window, one per person; the review and its decision.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDateTime } from '../../platform/time.ts';
import { fieldErrors, optional } from '../../platform/validation.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { getPerson, listMandates, type Person } from '../organisations/people.ts';
import { type ApplicationStatus, applications } from './program.schema.ts';
import { getProgram, type Program } from './programs.ts';

export type Application = typeof applications.$inferSelect;

export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  submitted: 'Déposée, en attente d’examen',
  accepted: 'Acceptée : membre de la promotion',
  rejected: 'Non retenue',
  waitlisted: 'Sur liste d’attente',
};

export const notEligibleMessage =
  'Ce parcours est réservé aux élus des collectivités adhérentes. Les techniciens des collectivités adhérentes peuvent assister aux séances ouvertes de l’agenda ; une collectivité non adhérente peut rejoindre le réseau en contactant l’équipe.';

/** Only élus of a French local government in good standing may join the cohort. */
export async function applicationEligibility(executor: Executor, person: Person): Promise<Result<true>> {
  const organisation = person.organisationId
    ? await getOrganisation(executor, person.organisationId)
    : undefined;
  const member = organisation ? await isMemberInGoodStanding(executor, organisation.id) : false;
  if (
    person.disabledAt ||
    person.kind !== 'elected' ||
    !organisation ||
    !frenchLocalGovernmentKinds.includes(organisation.kind) ||
    !member
  ) {
    return fail(403, 'not_eligible', notEligibleMessage);
  }
  return ok(true);
}

export function applicationWindow(program: Program, at: Date): Result<true> {
  if (program.applicationsOpenAt && at < program.applicationsOpenAt) {
    return fail(
      422,
      'applications_closed',
      `Les candidatures ouvriront le ${formatDateTime(program.applicationsOpenAt)}. En attendant, vous pouvez manifester votre intérêt.`,
    );
  }
  if (program.applicationsCloseAt && at >= program.applicationsCloseAt) {
    return fail(422, 'applications_closed', 'Les candidatures à cette promotion sont closes.');
  }
  return ok(true);
}

export const applicationInput = z.object({
  personId: z.uuid({ error: 'Identifiant invalide.' }),
  mandate: optional(z.string().trim().max(300)),
  motivation: optional(z.string().trim().max(5000)),
  availability: optional(z.string().trim().max(2000)),
});

export async function applyToProgram(
  executor: Executor,
  programId: string,
  input: unknown,
  submittedBy: string | null,
  at = new Date(),
): Promise<Result<Application>> {
  const parsed = applicationInput.safeParse(input);
  if (!parsed.success)
    return fail(400, 'invalid', 'Certaines informations sont invalides.', fieldErrors(parsed.error));
  const program = await getProgram(executor, programId);
  if (!program) return fail(404, 'not_found', 'Ce parcours n’existe pas.');
  const person = await getPerson(executor, parsed.data.personId);
  if (!person) return fail(404, 'not_found', 'Cette personne n’existe pas.');
  const eligible = await applicationEligibility(executor, person);
  if (!eligible.ok) return eligible;
  const window = applicationWindow(program, at);
  if (!window.ok) return window;
  const currentMandate =
    parsed.data.mandate ??
    (await listMandates(executor, person.id)).find((m) => !m.mandate.endsOn)?.mandate.title;
  const [application] = await executor
    .insert(applications)
    .values({ programId, ...parsed.data, mandate: currentMandate ?? null, submittedBy })
    .onConflictDoNothing()
    .returning();
  if (!application)
    return fail(
      409,
      'conflict',
      `${person.firstName} ${person.lastName} a déjà candidaté à cette promotion.`,
    );
  await audit(executor, {
    actorId: submittedBy,
    action: 'apply',
    entity: 'application',
    entityId: application.id,
    data: { programId },
  });
  return ok(application);
}

export const decisionInput = z.object({
  decision: z.enum(['accepted', 'rejected', 'waitlisted'], {
    error: 'Décision attendue : accepted, rejected ou waitlisted.',
  }),
  comment: optional(z.string().trim().max(2000)),
});

const decisionWords: Record<'accepted' | 'rejected' | 'waitlisted', string> = {
  accepted: 'Votre candidature est acceptée : bienvenue dans la promotion !',
  rejected: 'Votre candidature n’a pas été retenue pour cette promotion.',
  waitlisted: 'Votre candidature est sur liste d’attente : nous vous écrirons si une place se libère.',
};

/** Records staff's decision and tells the applicant. The cohort never exceeds its size. */
export async function decideApplication(
  executor: Executor,
  applicationId: string,
  input: unknown,
  actorId: string,
  baseUrl: string,
): Promise<Result<Application>> {
  const parsed = decisionInput.safeParse(input);
  if (!parsed.success)
    return fail(400, 'invalid', 'Certaines informations sont invalides.', fieldErrors(parsed.error));
  const [current] = await executor.select().from(applications).where(eq(applications.id, applicationId));
  if (!current) return fail(404, 'not_found', 'Cette candidature n’existe pas.');
  const program = (await getProgram(executor, current.programId))!;
  if (parsed.data.decision === 'accepted' && current.status !== 'accepted' && program.cohortSize !== null) {
    // Serialise acceptances of one edition so that two reviewers cannot both take the last place.
    await executor.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`program:${program.id}`}, 0))`,
    );
    const [row] = await executor
      .select({ n: count() })
      .from(applications)
      .where(and(eq(applications.programId, program.id), eq(applications.status, 'accepted')));
    if ((row?.n ?? 0) >= program.cohortSize) {
      return fail(
        409,
        'cohort_full',
        `La promotion est complète (${program.cohortSize} places). Mettez la candidature sur liste d’attente.`,
      );
    }
  }
  const [application] = await executor
    .update(applications)
    .set({
      status: parsed.data.decision,
      decisionComment: parsed.data.comment ?? null,
      decidedBy: actorId,
      decidedAt: sql`now()`,
    })
    .where(eq(applications.id, applicationId))
    .returning();
  const person = (await getPerson(executor, application!.personId))!;
  // Saving the same decision again (a comment corrected, say) does not mail the applicant twice.
  if (current.status !== parsed.data.decision)
    await queueMail(
      executor,
      composeMail({
        to: person.email,
        subject: `Votre candidature : ${program.title}`,
        greeting: `Bonjour ${person.firstName},`,
        paragraphs: [
          decisionWords[parsed.data.decision],
          ...(parsed.data.comment ? [parsed.data.comment] : []),
        ],
        action: { label: 'Mon parcours', url: `${baseUrl}/mon-parcours` },
      }),
    );
  await audit(executor, {
    actorId,
    action: 'decide',
    entity: 'application',
    entityId: applicationId,
    data: parsed.data,
  });
  return ok(application!);
}

export async function getApplication(executor: Executor, id: string) {
  const [row] = await executor.select().from(applications).where(eq(applications.id, id));
  return row;
}

export async function applicationOf(executor: Executor, programId: string, personId: string) {
  const [row] = await executor
    .select()
    .from(applications)
    .where(and(eq(applications.programId, programId), eq(applications.personId, personId)));
  return row;
}

export async function listApplications(
  executor: Executor,
  programId: string,
  statuses?: ApplicationStatus[],
) {
  return executor
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.programId, programId),
        statuses?.length ? inArray(applications.status, statuses) : undefined,
      ),
    )
    .orderBy(asc(applications.createdAt));
}

/** Is this person in the cohort of one of these editions? (the `cohort` audience asks this) */
export async function inCohortOf(
  executor: Executor,
  programIds: string[],
  personId: string,
): Promise<boolean> {
  if (programIds.length === 0) return false;
  const rows = await executor
    .select({ id: applications.id })
    .from(applications)
    .where(
      and(
        inArray(applications.programId, programIds),
        eq(applications.personId, personId),
        eq(applications.status, 'accepted'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
