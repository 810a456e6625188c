// What other modules read of people and organisations: they never query these tables themselves, they
// ask here (a list of registrations shows names; an import matches emails to people).
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { frenchLocalGovernmentKinds } from './kinds.ts';
import { inGoodStanding } from './memberships.ts';
import { organisations, people } from './organisations.schema.ts';
import { matchingName, notArchived, type Organisation } from './organisations.ts';
import type { Person } from './people.ts';

/** A person as lists show them: name, address, kind, organisation. */
export interface PersonCard {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  kind: Person['kind'];
  organisationId: string | null;
  organisationName: string | null;
  disabled: boolean;
}

/** What a card is read from: the person's columns and their organisation's name. */
const cardColumns = {
  id: people.id,
  firstName: people.firstName,
  lastName: people.lastName,
  email: people.email,
  kind: people.kind,
  organisationId: people.organisationId,
  organisationName: organisations.name,
  disabledAt: people.disabledAt,
};

const toCard = <Row extends { disabledAt: Date | null }>({ disabledAt, ...row }: Row) => ({
  ...row,
  disabled: disabledAt !== null,
});

/** The cards of these people, by id (unknown ids are left out). */
export async function personCards(
  executor: Executor,
  ids: readonly string[],
): Promise<Map<string, PersonCard>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await executor
    .select(cardColumns)
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .where(inArray(people.id, unique));
  return new Map(rows.map((row) => [row.id, toCard(row)]));
}

/** Groups of people of the member local governments that other modules address (an invitation, say). */
export const memberSegments = ['elected', 'referents'] as const;
export type MemberSegment = (typeof memberSegments)[number];

/**
 * The people of a segment: the élus, or the referents, of the French local governments that are members in
 * good standing this (Paris) year — archived organisations and disabled accounts aside — by organisation,
 * then name.
 */
export async function peopleOfMembers(
  executor: Executor,
  segment: MemberSegment,
  at: Date = new Date(),
): Promise<PersonCard[]> {
  const rows = await executor
    .select(cardColumns)
    .from(people)
    .innerJoin(organisations, eq(organisations.id, people.organisationId))
    .where(
      and(
        segment === 'elected' ? eq(people.kind, 'elected') : eq(people.referent, true),
        isNull(people.disabledAt),
        inArray(organisations.kind, [...frenchLocalGovernmentKinds]),
        isNull(organisations.archivedAt),
        inGoodStanding(organisations.id, at),
      ),
    );
  return rows
    .map(toCard)
    .sort(
      (a, b) =>
        a.organisationName.localeCompare(b.organisationName, 'fr') ||
        a.lastName.localeCompare(b.lastName, 'fr') ||
        a.firstName.localeCompare(b.firstName, 'fr') ||
        a.id.localeCompare(b.id),
    );
}

/** The people with these addresses (case-insensitive). */
export async function findPeopleByEmails(executor: Executor, emails: readonly string[]): Promise<Person[]> {
  const lower = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
  if (lower.length === 0) return [];
  return executor
    .select()
    .from(people)
    .where(inArray(sql`lower(${people.email})`, lower));
}

/**
 * The organisations (archived ones aside) matching what someone typed, for a picker: the first `limit` and
 * how many match in all.
 */
export async function pickableOrganisations(
  executor: Executor,
  q: string,
  limit: number,
): Promise<{ items: Organisation[]; total: number }> {
  const where = and(matchingName(q), notArchived());
  const [items, [total]] = await Promise.all([
    executor
      .select()
      .from(organisations)
      .where(where)
      .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id))
      .limit(limit),
    executor.select({ n: count() }).from(organisations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The organisation made from an entry of the official reference, if it is known already. */
export async function findOrganisationByReference(
  executor: Executor,
  kind: string,
  inseeCode: string,
): Promise<Organisation | undefined> {
  const [row] = await executor
    .select()
    .from(organisations)
    .where(and(sql`${organisations.kind} = ${kind}`, eq(organisations.inseeCode, inseeCode)));
  return row;
}
