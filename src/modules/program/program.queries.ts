// What the program's pages read: an edition's public page as its viewer sees it, « Mon parcours », the
// staff's editions, an edition's sessions and interests, the review queue, the cohort.
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { type Paged, paginate } from '../../platform/pagination.ts';
import { countByStatus, totalOf } from '../applications/applications.ts';
import { opinionsOf } from '../applications/opinions.ts';
import { type QueueFilters, type QueueRow, reviewQueue } from '../applications/review-queue.ts';
import { listEvents } from '../events/events.ts';
import type { AttentionItem } from '../module.ts';
import { personCards } from '../organisations/directory.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { getPerson, listPeopleOfOrganisation } from '../organisations/people.ts';
import { regions } from '../organisations/reference.ts';
import { type Application, applicationOf, applicationsOf, listApplications } from './applications.ts';
import { certificateOf, certificateTitle, listCertificates } from './certificates.ts';
import { countInterests, interestWindow, listInterests } from './interest.ts';
import type { QueueSort, QueueView } from './program.forms.ts';
import {
  applicationEligibility,
  applicationWindow,
  currentMandate,
  programPipeline,
} from './program.pipeline.ts';
import { programPolicy as policy } from './program.policy.ts';
import { getProgram, listPrograms, listSessions, type Program } from './programs.ts';
import { cohortProgress, participantProgress } from './progress.ts';
import type { CohortRow } from './views/cohort.tsx';
import type { MyPathPageProps } from './views/my-path.tsx';
import type { Errors, Values } from './views/parts.tsx';
import type { BehalfSection, OwnSection, ProgramPageProps } from './views/program.tsx';
import type { ApplicationRow } from './views/review.tsx';

/** The municipal elections of 15 and 22 March 2026: a mandate begun since then is a new élu's. */
export const newMandateSince = '2026-03-15';

/** Rows of a page of the review queue and of the interests. */
export const queuePageSize = 50;
export const interestsPageSize = 50;
/** Events offered as sessions in the form's list (the list says when there are more). */
export const eventChoicesLimit = 1000;

// ——— The public page of an edition ———

/** What a refused form brings back to the page: what was typed and why it was refused. */
export interface EditionExtra {
  interest?: { values: Values; errors?: Errors };
  own?: Partial<OwnSection>;
  behalf?: Partial<BehalfSection>;
}

/**
 * An edition's page as its viewer sees it: anyone may say they are interested (before applications open,
 * or while they are), an élu of a member local government applies, a referent applies for the élus of her
 * organisation; anyone else signed in is told why not.
 */
export async function editionPage(
  executor: Executor,
  program: Program,
  actor: Actor | null,
  extra: EditionExtra = {},
  now = new Date(),
): Promise<Omit<ProgramPageProps, 'ctx' | 'notice'>> {
  const sessions = await listSessions(executor, program.id);
  const window = applicationWindow(program, now);
  const windowMessage = window.ok ? undefined : window.error.message;
  const interestOpen = interestWindow(program, now);
  const person = actor ? await getPerson(executor, actor.personId) : undefined;
  let own: OwnSection | undefined;
  let behalf: BehalfSection | undefined;
  let interestValues: Values | undefined = extra.interest?.values;
  if (!person) {
    interestValues ??= {};
  } else {
    if ((await applicationEligibility(executor, person)).ok) {
      const [application, mandate, organisations] = await Promise.all([
        applicationOf(executor, program.id, person.id),
        currentMandate(executor, person.id),
        getOrganisationsByIds(executor, person.organisationId ? [person.organisationId] : []),
      ]);
      own = { application, windowMessage, values: { mandate: mandate?.title }, ...extra.own };
      // Before applications open, an élu says they are interested, as anyone does (prefilled).
      if (!application && program.applicationsOpenAt && now < program.applicationsOpenAt) {
        interestValues ??= {
          firstName: person.firstName,
          lastName: person.lastName,
          email: person.email,
          organisationName: organisations[0]?.name,
          mandate: mandate?.title,
        };
      }
    }
    if (actor?.referent && person.organisationId) {
      const [organisations, colleagues, orgEligible] = await Promise.all([
        getOrganisationsByIds(executor, [person.organisationId]),
        listPeopleOfOrganisation(executor, person.organisationId),
        // Whether the élus of this organisation may join depends only on the organisation.
        applicationEligibility(executor, { ...person, kind: 'elected' }),
      ]);
      const electeds = colleagues.filter((c) => c.kind === 'elected' && !c.disabledAt && c.id !== person.id);
      behalf = {
        organisationName: organisations[0]?.name ?? 'votre collectivité',
        rows: await Promise.all(
          electeds.map(async (c) => ({
            person: c,
            application: await applicationOf(executor, program.id, c.id),
          })),
        ),
        eligible: orgEligible.ok,
        windowMessage,
        values: {},
        ...extra.behalf,
      };
    }
  }
  const showInterest = interestValues !== undefined;
  return {
    program,
    sessions,
    interest:
      showInterest && interestOpen.ok
        ? { values: interestValues!, errors: extra.interest?.errors }
        : undefined,
    interestClosed: showInterest && !interestOpen.ok ? interestOpen.error.message : undefined,
    own,
    behalf,
    refused: Boolean(person && !own && !behalf),
    staff: policy.manage(actor),
  };
}

// ——— « Mon parcours » ———

export async function myPathPage(
  executor: Executor,
  personId: string,
  baseUrl: string,
): Promise<Omit<MyPathPageProps, 'ctx' | 'notice'>> {
  const [programs, mine] = await Promise.all([listPrograms(executor), applicationsOf(executor, personId)]);
  // Oldest edition first, as the editions are listed.
  const applications = programs.flatMap((program) => {
    const application = mine.find((a) => a.programId === program.id);
    return application ? [{ program, application }] : [];
  });
  const latest = applications.filter((a) => a.application.status === 'accepted').at(-1);
  let participant: MyPathPageProps['participant'];
  if (latest) {
    const [progress, certificate] = await Promise.all([
      participantProgress(executor, latest.program, personId),
      certificateOf(executor, latest.program.id, personId),
    ]);
    participant = {
      program: latest.program,
      progress,
      certificate: certificate && {
        code: certificate.code,
        issuedOn: certificate.issuedOn,
        title: certificate.title ?? certificateTitle(null),
        revokedAt: certificate.revokedAt,
        revocationReason: certificate.revocationReason,
      },
      baseUrl,
    };
  }
  return { participant, applications: [...applications].reverse(), programs };
}

/** The holder's own certificate of the latest edition that gave one (or of the edition asked for). */
export async function myCertificate(executor: Executor, actor: Actor, programId: string | undefined) {
  const program = programId ? await getProgram(executor, programId) : undefined;
  const programs = programId ? (program ? [program] : []) : await listPrograms(executor);
  for (const edition of [...programs].reverse()) {
    const certificate = await certificateOf(executor, edition.id, actor.personId);
    if (certificate && policy.downloadCertificate(actor, certificate)) return certificate;
  }
  return undefined;
}

// ——— Staff: what needs attention (the staff's home) ———

/**
 * Per edition: applications waiting for a decision, and confirmed expressions of interest not yet invited
 * while applications are open (the invitation can leave now).
 */
export async function programAttention(executor: Executor, at: Date): Promise<AttentionItem[]> {
  const programs = await listPrograms(executor);
  const counts = await countByStatus(
    executor,
    programPipeline,
    programs.map((p) => p.id),
  );
  const items: AttentionItem[] = [];
  for (const program of programs) {
    const mine = counts.get(program.id) ?? {};
    const waiting = (mine.submitted ?? 0) + (mine.in_review ?? 0);
    if (waiting)
      items.push({
        label: `${waiting > 1 ? 'candidatures' : 'candidature'} à examiner — ${program.title}`,
        count: waiting,
        href: `/gestion/parcours/${program.id}/candidatures`,
      });
    if (applicationWindow(program, at).ok) {
      const toInvite = await countInterests(executor, program.id, { invited: false });
      if (toInvite)
        items.push({
          label: `${toInvite > 1 ? 'personnes intéressées' : 'personne intéressée'} à inviter à candidater — ${program.title}`,
          count: toInvite,
          href: `/gestion/parcours/${program.id}#interets`,
        });
    }
  }
  return items;
}

// ——— Staff: editions, sessions, interests ———

export async function editionsOverview(executor: Executor) {
  const programs = await listPrograms(executor);
  const counts = await countByStatus(
    executor,
    programPipeline,
    programs.map((p) => p.id),
  );
  return programs.map((program) => {
    const mine = counts.get(program.id) ?? {};
    return { program, applications: totalOf(mine), accepted: mine.accepted ?? 0 };
  });
}

/** An edition's sessions, the events that may become sessions, its interests (a page of them). */
export async function manageEditionPage(
  executor: Executor,
  program: Program,
  viewer: Actor,
  options: { allEvents: boolean; page: number },
  now = new Date(),
) {
  const [sessions, found, interests, pending, unconfirmed] = await Promise.all([
    listSessions(executor, program.id),
    listEvents(executor, options.allEvents ? {} : { from: now }, viewer, eventChoicesLimit + 1),
    paginate(
      options.page,
      interestsPageSize,
      (window) => listInterests(executor, program.id, window),
      () => countInterests(executor, program.id),
    ),
    countInterests(executor, program.id, { invited: false }),
    countInterests(executor, program.id, { pending: true }),
  ]);
  return {
    program,
    sessions,
    events: found.slice(0, eventChoicesLimit).map((r) => r.event),
    moreEvents: found.length > eventChoicesLimit,
    allEvents: options.allEvents,
    interests,
    pending,
    unconfirmed,
    canInvite: applicationWindow(program, now).ok,
  };
}

// ——— Staff: the review queue ———

/** The program's filter beyond the common ones: new élus (mandate since March 2026) or not. */
export interface ProgramQueueFilters extends QueueFilters {
  nouveaux?: 'oui' | 'non' | undefined;
}

/** Compares two rows of the queue by one of its columns (names the French way: « Émilie » near « Emma »). */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const queueComparators: Record<QueueSort, (a: QueueRow, b: QueueRow) => number> = {
  nom: (a, b) =>
    collator.compare(a.applicant.lastName, b.applicant.lastName) ||
    collator.compare(a.applicant.firstName, b.applicant.firstName),
  organisation: (a, b) => collator.compare(a.organisation?.name ?? '', b.organisation?.name ?? ''),
  region: (a, b) => collator.compare(a.organisation?.regionName ?? '', b.organisation?.regionName ?? ''),
  depot: (a, b) =>
    (a.application.submittedAt ?? a.application.createdAt).getTime() -
    (b.application.submittedAt ?? b.application.createdAt).getTime(),
  // The pipeline's order: what awaits a decision first, oldest first.
  statut: () => 0,
};

/**
 * A page of the review queue of an edition, in the order asked: the pipeline's queue, with each élu's
 * mandate in progress and whether they are newly elected (the program's own filter), and the reviewers'
 * opinions.
 */
export async function reviewQueuePage(
  executor: Executor,
  program: Program,
  list: Pick<QueueView, 'filters' | 'sort' | 'page'>,
  reviewerId: string,
): Promise<{ rows: Paged<ApplicationRow>; total: number; accepted: number }> {
  const { filters } = list;
  const queue = await reviewQueue(executor, programPipeline, program.id, filters);
  const described = await Promise.all(queue.rows.map((row) => describe(executor, row)));
  const kept = described.filter((r) => !filters.nouveaux || r.newlyElected === (filters.nouveaux === 'oui'));
  const compare = queueComparators[list.sort.by];
  const direction = list.sort.order === 'asc' ? 1 : -1;
  // A stable sort: rows equal by the column keep the pipeline's order (awaiting a decision first).
  kept.sort((a, b) => direction * compare(a.queue, b.queue));
  const rows = await paginate(
    list.page,
    queuePageSize,
    async ({ limit, offset }) => withOpinions(executor, kept.slice(offset, offset + limit), reviewerId),
    async () => kept.length,
  );
  return { rows, total: totalOf(queue.counts), accepted: queue.counts.accepted ?? 0 };
}

/** One application of an edition as its review page shows it; undefined when it is not the edition's. */
export async function reviewApplicationPage(
  executor: Executor,
  program: Program,
  applicationId: string,
  reviewerId: string,
): Promise<ApplicationRow | undefined> {
  const queue = await reviewQueue(executor, programPipeline, program.id, {});
  const row = queue.rows.find((r) => r.application.id === applicationId);
  if (!row) return undefined;
  return (await withOpinions(executor, [await describe(executor, row)], reviewerId))[0];
}

async function withOpinions(
  executor: Executor,
  shown: Awaited<ReturnType<typeof describe>>[],
  reviewerId: string,
): Promise<ApplicationRow[]> {
  const opinions = await opinionsOf(
    executor,
    shown.map((r) => r.queue.application.id),
  );
  return shown.map((r) => {
    const list = opinions.get(r.queue.application.id) ?? [];
    return { ...r, opinions: list, myOpinion: list.find((o) => o.reviewerId === reviewerId) };
  });
}

async function describe(executor: Executor, queue: QueueRow) {
  const mandate = await currentMandate(executor, queue.applicant.id);
  return {
    queue,
    application: toProgramView(queue),
    mandate: mandate ? { title: mandate.title, startsOn: mandate.startsOn } : undefined,
    newlyElected: Boolean(mandate && mandate.startsOn >= newMandateSince),
  };
}

/** The élu's answers, read from the pipeline's application. */
function toProgramView(queue: QueueRow): Pick<Application, 'mandate' | 'motivation' | 'availability'> {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const answers = queue.application.answers;
  return {
    mandate: text(answers.mandate),
    motivation: text(answers.motivation),
    availability: text(answers.availability),
  };
}

export const regionChoices = () => regions();

// ——— Staff: the cohort and its certificates ———

export async function cohortRows(
  executor: Executor,
  program: Program,
  at = new Date(),
): Promise<CohortRow[]> {
  const [cohort, all] = await Promise.all([
    listApplications(executor, program.id, ['accepted']),
    listCertificates(executor, program.id),
  ]);
  // A certificate whose holder was erased names nobody: it is not a row of the cohort.
  const certificates = all.flatMap((c) => (c.personId ? [{ ...c, personId: c.personId }] : []));
  // A certificate stays listed (and revocable) even if its holder's application was changed since.
  const personIds = [...new Set([...cohort.map((a) => a.personId), ...certificates.map((c) => c.personId)])];
  const [progress, people] = await Promise.all([
    cohortProgress(executor, program, personIds, at),
    personCards(executor, personIds),
  ]);
  const organisations = new Map(
    (
      await getOrganisationsByIds(executor, [
        ...new Set([...people.values()].flatMap((p) => (p.organisationId ? [p.organisationId] : []))),
      ])
    ).map((o) => [o.id, o]),
  );
  const byPerson = new Map(certificates.map((c) => [c.personId, c]));
  const regionNames = new Map(regions().map((r) => [r.code, r.name]));
  return personIds
    .flatMap((id) => {
      const person = people.get(id);
      if (!person) return [];
      const organisation = person.organisationId ? organisations.get(person.organisationId) : undefined;
      const certificate = byPerson.get(id);
      return [
        {
          personId: id,
          name: `${person.firstName} ${person.lastName}`,
          sortKey: `${person.lastName} ${person.firstName}`,
          email: person.email,
          organisationName: organisation?.name,
          regionName: organisation?.regionCode ? regionNames.get(organisation.regionCode) : undefined,
          outcome: progress.get(id)!,
          certificate: certificate && {
            code: certificate.code,
            issuedOn: certificate.issuedOn,
            revokedAt: certificate.revokedAt,
            revocationReason: certificate.revocationReason,
          },
        },
      ];
    })
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey, 'fr'))
    .map(({ sortKey: _, ...row }) => row);
}
