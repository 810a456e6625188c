// The program's applications, as the applications module's pipeline: élus of member local governments apply
// to an edition while its window is open (mandate, motivation, availability); staff accept them into the
// cohort — never beyond its places —, put them on the waiting list or turn them down, and they are mailed.
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDateTime } from '../../platform/time.ts';
import { optional } from '../../platform/validation.ts';
import { countByStatus } from '../applications/applications.ts';
import { definePipeline } from '../applications/pipeline.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { listMandates, type Person } from '../organisations/people.ts';
import { programMessages as m } from './program.messages.ts';
import { programPolicy } from './program.policy.ts';
import { getProgram, type Program } from './programs.ts';

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
    return fail(403, 'not_eligible', m.notEligible());
  }
  return ok(true);
}

export function applicationWindow(program: Program, at: Date): Result<true> {
  if (program.applicationsOpenAt && at < program.applicationsOpenAt) {
    return fail(
      422,
      'applications_closed',
      m.applicationsOpenOn({ opens: formatDateTime(program.applicationsOpenAt) }),
    );
  }
  if (program.applicationsCloseAt && at >= program.applicationsCloseAt) {
    return fail(422, 'applications_closed', m.applicationsClosed());
  }
  return ok(true);
}

/** What an élu writes when applying. */
export const programAnswers = z.object({
  mandate: optional(z.string().trim().max(300)),
  motivation: optional(z.string().trim().max(5000)),
  availability: optional(z.string().trim().max(2000)),
});
export type ProgramAnswers = z.infer<typeof programAnswers>;

/** The title of a person's mandate in progress (the latest started). */
export async function currentMandate(executor: Executor, personId: string) {
  return (await listMandates(executor, personId)).find((m) => !m.mandate.endsOn)?.mandate;
}

const scope = 'program';

export const programPipeline = definePipeline<Program, ProgramAnswers>({
  scope,
  extraStatuses: ['waitlisted'],
  decisions: {
    accepted: { label: 'Accepter', mail: m.decisionAccepted().text },
    waitlisted: { label: 'Liste d’attente', mail: m.decisionWaitlisted().text },
    rejected: { label: 'Ne pas retenir', mail: m.decisionRejected().text },
  },
  statusLabels: {
    submitted: 'Déposée, en attente d’examen',
    in_review: 'En cours d’examen',
    accepted: 'Acceptée : membre de la promotion',
    rejected: 'Non retenue',
    waitlisted: 'Sur liste d’attente',
  },
  owner: getProgram,
  ownerName: (program) => `« Diplomates des territoires » — ${program.title}`,
  window: applicationWindow,
  eligibility: (executor, person) => applicationEligibility(executor, person),
  answers: programAnswers,
  // The mandate typed, or else the one in progress: what the certificate will say.
  complete: async (executor, person, answers) => {
    const mandate = answers.mandate ?? (await currentMandate(executor, person.id))?.title;
    return mandate ? { ...answers, mandate } : answers;
  },
  // The cohort never exceeds its places.
  acceptance: async (executor, program, accepting) => {
    if (program.cohortSize === null) return ok(true);
    const accepted = (await countByStatus(executor, { scope }, [program.id])).get(program.id)?.accepted ?? 0;
    const left = program.cohortSize - accepted;
    if (left <= 0) return fail(409, 'cohort_full', m.cohortFull({ size: program.cohortSize }));
    if (accepting.length > left)
      return fail(409, 'cohort_full', m.placesLeft({ left, asked: accepting.length }));
    return ok(true);
  },
  mail: {
    subject: (program) => m.decisionSubject({ title: program.title }).text,
    action: (_program, baseUrl) => ({ label: m.decisionAction().text, url: `${baseUrl}/mon-parcours` }),
  },
  texts: {
    ownerNotFound: () => m.programNotFound(),
    alreadyApplied: ({ name }) => m.alreadyApplied({ name }),
  },
  reviewers: (actor) => programPolicy.manage(actor),
});
