// What the module's pages read to show a record: one function per page, so that handlers stay thin.
import { and, asc, count, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { type Paged, paginate } from '../../platform/pagination.ts';
import { parisYear } from '../../platform/time.ts';
import { isMemberInGoodStanding, listMemberships, listRenewalsDue } from './memberships.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';
import { organisations } from './organisations.schema.ts';
import {
  getOrganisation,
  listOrganisations,
  matchingName,
  type Organisation,
  type OrganisationFilters,
} from './organisations.ts';
import { getPerson, listAffiliations, listMandates, listPeopleOfOrganisation } from './people.ts';
import { findInReference, regions } from './reference.ts';

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

/** Last year's members that have not renewed for this (Paris) year. */
export async function renewalsPage(executor: Executor) {
  const year = parisYear();
  return { year, rows: await listRenewalsDue(executor, year) };
}

/**
 * The organisations a person could move to, matching what staff typed (their current one left out): the
 * first few, and how many match in all, so that the page says when to type more.
 */
async function moveTargets(
  executor: Executor,
  q: string,
  current: string | null,
): Promise<Paged<Organisation>> {
  const where = and(matchingName(q), current ? ne(organisations.id, current) : undefined);
  return paginate(
    1,
    moveTargetsShown,
    ({ limit, offset }) =>
      executor
        .select()
        .from(organisations)
        .where(where)
        .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id))
        .limit(limit)
        .offset(offset),
    async () => (await executor.select({ total: count() }).from(organisations).where(where))[0]?.total ?? 0,
  );
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
