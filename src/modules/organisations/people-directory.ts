// The people directory: everyone the network knows, found by name or address whatever the accents, and
// filtered by kind, organisation, région, membership of this year and mandate in force. The page, its
// exports and the API read the same filters here.
import { and, asc, count, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../platform/db/client.ts';
import { containsWords, foldedWords } from '../../platform/db/fold.ts';
import { type Paged, paginate } from '../../platform/pagination.ts';
import { parisDate } from '../../platform/time.ts';
import { optional, uuid } from '../../platform/validation.ts';
import { personKinds } from './kinds.ts';
import { inGoodStanding } from './memberships.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { mandates, organisations, people } from './organisations.schema.ts';
import type { Person } from './people.ts';

export const peopleFilters = z.object({
  /** Words of a name or an address. */
  q: optional(z.string().trim().max(200)),
  kind: optional(z.enum(personKinds, { error: m.unknownPersonKind().text })),
  organisationId: optional(uuid),
  /** Words of the organisation's name (the page's box; the API names the organisation by its id). */
  organisation: optional(z.string().trim().max(200)),
  region: optional(z.string().regex(/^\d{2,3}$/, m.regionFormat().text)),
  /** Their organisation is a member in good standing this year. */
  member: optional(z.enum(['true', 'false'], { error: m.trueOrFalse().text })),
  /** They hold a mandate in force today. */
  mandate: optional(z.enum(['true', 'false'], { error: m.mandateFilter().text })),
  page: optional(z.coerce.number().int().min(1).max(100_000)),
});
export type PeopleFilters = z.infer<typeof peopleFilters>;

export const directoryPageSize = 25;

/** Today's mandates (Paris date): started, and not ended before today. */
function mandateInForce(personId: SQL, today: string): SQL {
  return sql`exists (select 1 from ${mandates} where ${mandates.personId} = ${personId}
    and ${mandates.startsOn} <= ${today} and (${mandates.endsOn} is null or ${mandates.endsOn} >= ${today}))`;
}

// Column references written out with their table: inside the subqueries above, a bare « id » or
// « organisation_id » would be read as the subquery's own column.
const personIdColumn = sql.raw('"people"."id"');
const personOrganisationColumn = sql.raw('"people"."organisation_id"');

function conditions(filters: PeopleFilters, at: Date): SQL | undefined {
  const where: SQL[] = [];
  if (filters.q) {
    where.push(
      containsWords(
        sql`${people.firstName} || ' ' || ${people.lastName} || ' ' || ${people.email}`,
        foldedWords(filters.q),
      ),
    );
  }
  if (filters.kind) where.push(eq(people.kind, filters.kind));
  if (filters.organisationId) where.push(eq(people.organisationId, filters.organisationId));
  if (filters.organisation) where.push(containsWords(organisations.name, foldedWords(filters.organisation)));
  if (filters.region) where.push(eq(organisations.regionCode, filters.region));
  const member = inGoodStanding(personOrganisationColumn, at);
  if (filters.member === 'true') where.push(member);
  if (filters.member === 'false') where.push(sql`not ${member}`);
  const mandate = mandateInForce(personIdColumn, parisDate(at));
  if (filters.mandate === 'true') where.push(mandate);
  if (filters.mandate === 'false') where.push(sql`not ${mandate}`);
  return where.length ? and(...where) : undefined;
}

export interface DirectoryEntry {
  person: Person;
  organisationName: string | null;
  organisationArchived: boolean;
  /** The titles of the mandates in force today. */
  mandates: string[];
}

const orderBy = [asc(sql`lower(${people.lastName})`), asc(sql`lower(${people.firstName})`), asc(people.id)];

async function withMandates(
  executor: Executor,
  rows: { person: Person; organisationName: string | null; organisationArchivedAt: Date | null }[],
  at: Date,
): Promise<DirectoryEntry[]> {
  const ids = rows.map((r) => r.person.id);
  const today = parisDate(at);
  const inForce = ids.length
    ? await executor
        .select({ personId: mandates.personId, title: mandates.title })
        .from(mandates)
        .where(
          and(
            inArray(mandates.personId, ids),
            sql`${mandates.startsOn} <= ${today}`,
            or(isNull(mandates.endsOn), sql`${mandates.endsOn} >= ${today}`),
          ),
        )
        .orderBy(asc(mandates.startsOn))
    : [];
  return rows.map(({ person, organisationName, organisationArchivedAt }) => ({
    person,
    organisationName,
    organisationArchived: organisationArchivedAt !== null,
    mandates: inForce.filter((x) => x.personId === person.id).map((x) => x.title),
  }));
}

const directoryColumns = {
  person: people,
  organisationName: organisations.name,
  organisationArchivedAt: organisations.archivedAt,
};

/** A page of the directory (alphabetical by last name), with the honest total of those the filters keep. */
export async function listPeople(
  executor: Executor,
  filters: PeopleFilters,
  at = new Date(),
): Promise<Paged<DirectoryEntry>> {
  const where = conditions(filters, at);
  const paged = await paginate(
    filters.page ?? 1,
    directoryPageSize,
    ({ limit, offset }) =>
      executor
        .select(directoryColumns)
        .from(people)
        .leftJoin(organisations, eq(organisations.id, people.organisationId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    async () =>
      (
        await executor
          .select({ total: count() })
          .from(people)
          .leftJoin(organisations, eq(organisations.id, people.organisationId))
          .where(where)
      )[0]?.total ?? 0,
  );
  return { ...paged, items: await withMandates(executor, paged.items, at) };
}

/** Every person the filters keep (the page is ignored): what an export of the filtered list holds. */
export async function allPeople(
  executor: Executor,
  filters: PeopleFilters,
  at = new Date(),
): Promise<DirectoryEntry[]> {
  const rows = await executor
    .select(directoryColumns)
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(conditions(filters, at))
    .orderBy(...orderBy);
  return withMandates(executor, rows, at);
}
