// What the module's pages read to show a record: one function per page, so that handlers stay thin.
import { and, asc, count, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { containsWords, foldedWords } from '../../platform/db/fold.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { type Paged, paginate } from '../../platform/pagination.ts';
import { parisYear } from '../../platform/time.ts';
import { isMemberInGoodStanding, listMemberships, listRenewalsDue } from './memberships.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import { organisations, people } from './organisations.schema.ts';
import {
  getOrganisation,
  isFromReference,
  listOrganisations,
  matchingName,
  notArchived,
  type Organisation,
  type OrganisationFilters,
  pageOfOrganisations,
} from './organisations.ts';
import {
  getPerson,
  listAffiliations,
  listMandates,
  listPeopleOfOrganisation,
  type Person,
} from './people.ts';
import { listPeople, type PeopleFilters } from './people-directory.ts';
import { personHoldings } from './person-hooks.ts';
import { findInReference, regions } from './reference.ts';
import { lastReminders, reminderRecipients } from './renewal-reminders.ts';

/** How many results a picker shows (a reference search, organisations to move a person to). */
export const pickerSize = 20;
const moveTargetsShown = 10;

/** The staff list of organisations: a page of those the filters keep, and what the filters offer. */
export async function organisationsList(executor: Executor, filters: OrganisationFilters) {
  return { list: await listOrganisations(executor, filters), regions: regions(), year: parisYear() };
}
export type OrganisationsListData = Awaited<ReturnType<typeof organisationsList>>;

/** An organisation's staff page: its facts, memberships and people. */
export async function organisationPage(executor: Executor, id: string) {
  const organisation = await getOrganisation(executor, id);
  if (!organisation) return undefined;
  const [member, memberships, people] = await Promise.all([
    isMemberInGoodStanding(executor, id),
    listMemberships(executor, id),
    listPeopleOfOrganisation(executor, id),
  ]);
  return {
    organisation,
    /** Staff corrects what the reference does not give: everything, for an institution or a foreign one. */
    editable: !isFromReference(organisation.kind),
    regionName: regions().find((r) => r.code === organisation.regionCode)?.name,
    member,
    memberships,
    people,
    year: parisYear(),
  };
}
export type OrganisationPageData = NonNullable<Awaited<ReturnType<typeof organisationPage>>>;

/** The form to add an organisation: the official reference's best matches for what staff typed. */
export function referenceSearch(q: string) {
  return { q, ...findInReference(q, pickerSize) };
}

/** Last year's members that have not renewed for this (Paris) year, with whom a reminder reaches. */
export async function renewalsPage(executor: Executor) {
  const year = parisYear();
  const due = await listRenewalsDue(executor, year);
  const ids = due.map((r) => r.organisation.id);
  const [recipients, reminders] = await Promise.all([
    reminderRecipients(executor, ids),
    lastReminders(executor, year),
  ]);
  return {
    year,
    rows: due.map((r) => ({
      ...r,
      recipients: recipients.get(r.organisation.id)?.length ?? 0,
      lastReminder: reminders.get(r.organisation.id),
    })),
  };
}

/** The people directory: a page of those the filters keep, and what the filters offer. */
export async function directoryPage(executor: Executor, filters: PeopleFilters) {
  return { list: await listPeople(executor, filters), regions: regions(), year: parisYear() };
}
export type DirectoryPageData = Awaited<ReturnType<typeof directoryPage>>;

/**
 * The organisations a person could move to, matching what staff typed (their current one left out): the
 * first few, and how many match in all, so that the page says when to type more.
 */
async function moveTargets(
  executor: Executor,
  q: string,
  current: string | null,
): Promise<Paged<Organisation>> {
  const where = and(matchingName(q), notArchived(), current ? ne(organisations.id, current) : undefined);
  return pageOfOrganisations(executor, where, 1, moveTargetsShown);
}

/** A person's staff page: facts, mandates, history, and organisations to move them to when asked. */
export async function personPage(executor: Executor, id: string, moveQuery: string) {
  const person = await getPerson(executor, id);
  if (!person) return undefined;
  const [organisation, mandates, affiliations, moveMatches] = await Promise.all([
    person.organisationId ? getOrganisation(executor, person.organisationId) : undefined,
    listMandates(executor, id),
    listAffiliations(executor, id),
    moveQuery ? moveTargets(executor, moveQuery, person.organisationId) : undefined,
  ]);
  return { person, organisation, mandates, affiliations, moveQuery, moveMatches };
}
export type PersonPageData = NonNullable<Awaited<ReturnType<typeof personPage>>>;

/** « Mon espace »: one's profile, organisation and mandates; a referent also sees their colleagues. */
export async function mySpace(executor: Executor, actor: Actor) {
  const person = (await getPerson(executor, actor.personId))!;
  const organisation = person.organisationId
    ? await getOrganisation(executor, person.organisationId)
    : undefined;
  const [member, mandates, colleagues] = await Promise.all([
    isMemberInGoodStanding(executor, person.organisationId),
    listMandates(executor, person.id),
    policy.managePeopleOf(actor, person.organisationId) && person.organisationId
      ? listPeopleOfOrganisation(executor, person.organisationId)
      : undefined,
  ]);
  return { person, organisation, member, mandates, colleagues };
}
export type MySpaceData = Awaited<ReturnType<typeof mySpace>>;

const mergeCandidatesShown = 10;

/**
 * The merge page of a person: the record, and either the records matching what staff typed (to choose the
 * one to keep) or, once chosen, both records side by side with what each module will move.
 */
export async function mergePage(
  executor: Executor,
  id: string,
  options: { q: string; intoId?: string | undefined },
) {
  const person = await getPerson(executor, id);
  if (!person) return undefined;
  const organisationOf = async (p: Person) =>
    p.organisationId ? ((await getOrganisation(executor, p.organisationId))?.name ?? null) : null;
  const into =
    options.intoId && options.intoId !== id ? await getPerson(executor, options.intoId) : undefined;
  let candidates: Paged<Person & { organisationName: string | null }> | undefined;
  if (!into && options.q) {
    const words = foldedWords(options.q);
    const where = and(
      containsWords(sql`${people.firstName} || ' ' || ${people.lastName} || ' ' || ${people.email}`, words),
      ne(people.id, id),
    );
    const found = await paginate(
      1,
      mergeCandidatesShown,
      ({ limit, offset }) =>
        executor
          .select()
          .from(people)
          .where(where)
          .orderBy(asc(sql`lower(${people.lastName})`), asc(sql`lower(${people.firstName})`), asc(people.id))
          .limit(limit)
          .offset(offset),
      async () => (await executor.select({ total: count() }).from(people).where(where))[0]?.total ?? 0,
    );
    candidates = {
      ...found,
      items: await Promise.all(
        found.items.map(async (p) => ({ ...p, organisationName: await organisationOf(p) })),
      ),
    };
  }
  return {
    person,
    organisationName: await organisationOf(person),
    q: options.q,
    candidates,
    into: into ? { person: into, organisationName: await organisationOf(into) } : undefined,
    moves: into ? await personHoldings(executor, id) : [],
  };
}
export type MergePageData = NonNullable<Awaited<ReturnType<typeof mergePage>>>;
