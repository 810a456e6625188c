// Memberships: one per organisation and year. « Member in good standing » is decided here and only here.
import { and, asc, eq, inArray, isNull, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import { type Executor, queryRows } from '../../platform/db/client.ts';
import { prepared } from '../../platform/db/prepared.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisDate, parisYear } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional } from '../../platform/validation.ts';
import { type MembershipStatus, membershipStatuses } from './kinds.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { memberships, organisations, people } from './organisations.schema.ts';
import type { Person } from './people.ts';

export type Membership = typeof memberships.$inferSelect;

export const membershipStatusLabels: Record<MembershipStatus, string> = {
  pending: 'En attente de paiement',
  active: 'À jour',
  lapsed: 'Non renouvelée',
};

export const membershipInput = z.object({
  year: z.coerce
    .number({ error: m.yearExpected().text })
    .int(m.yearExpected().text)
    .min(1970, m.yearTooOld().text)
    .max(2200, m.yearTooFar().text),
  status: z.enum(membershipStatuses, { error: m.membershipStatus().text }),
  feeCents: optional(
    z.coerce
      .number({ error: m.centsExpected().text })
      .int(m.centsWithoutComma().text)
      .min(0, m.feeNegative().text)
      .max(100_000_000, m.feeTooHigh().text),
  ),
  paidOn: optional(isoDate),
});

/** Records (or updates) the membership of an organisation for one year; 404 for an unknown organisation. */
export async function recordMembership(
  executor: Executor,
  organisationId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Membership & { created: boolean }>> {
  const parsed = membershipInput.safeParse(input);
  const [organisation] = await executor
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) return fail(404, 'not_found', m.organisationNotFound());
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const value = parsed.data;
  const paidOn =
    value.paidOn ?? (value.status === 'active' && value.feeCents !== undefined ? parisDate() : null);
  const [existing] = await executor
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.year, value.year)));
  const [row] = await executor
    .insert(memberships)
    .values({
      organisationId,
      year: value.year,
      status: value.status,
      feeCents: value.feeCents ?? null,
      paidOn,
    })
    .onConflictDoUpdate({
      target: [memberships.organisationId, memberships.year],
      set: { status: value.status, feeCents: value.feeCents ?? null, paidOn },
    })
    .returning();
  await audit(executor, {
    actorId,
    action: existing ? 'update' : 'create',
    entity: 'membership',
    entityId: row!.id,
    data: { organisationId, ...value, paidOn },
  });
  return ok({ ...row!, created: !existing });
}

export async function listMemberships(executor: Executor, organisationId: string): Promise<Membership[]> {
  return executor
    .select()
    .from(memberships)
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(sql`${memberships.year} desc`);
}

/**
 * The one definition of a member in good standing: an active membership for the current (Paris) year.
 * As an SQL condition on an organisation id, so that lists and other modules' queries use the same rule.
 * `at` is an instant, or the Paris year as SQL (a prepared query's placeholder).
 */
export function inGoodStanding(organisationId: SQLWrapper, at: Date | SQL = new Date()): SQL {
  const year = at instanceof Date ? sql`${parisYear(at)}` : at;
  return sql`exists (select 1 from ${memberships} where ${memberships.organisationId} = ${organisationId}
    and ${memberships.year} = ${year} and ${memberships.status} = 'active')`;
}

// Read by every registration (prepared: platform/db/prepared.ts).
const standingOfPeople = prepared((executor) =>
  executor
    .select({
      person: people,
      member: sql<boolean>`${inGoodStanding(people.organisationId, sql`${sql.placeholder('year')}::int`)}`,
    })
    .from(people)
    .where(sql`${people.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('people_with_standing'),
);

/**
 * People by id (those that exist), each with whether their organisation is a member in good standing at
 * `at`: one round trip for what a registration's rules read of them.
 */
export async function peopleWithStanding(
  executor: Executor,
  ids: readonly string[],
  at: Date = new Date(),
): Promise<(Person & { member: boolean })[]> {
  if (ids.length === 0) return [];
  const rows = await standingOfPeople(executor).execute({ ids, year: parisYear(at) });
  return rows.map((r) => ({ ...r.person, member: Boolean(r.member) }));
}

export async function isMemberInGoodStanding(
  executor: Executor,
  organisationId: string | null | undefined,
  at: Date = new Date(),
): Promise<boolean> {
  if (!organisationId) return false;
  const [row] = await queryRows<{ member: boolean }>(
    executor,
    sql`select ${inGoodStanding(sql`${organisationId}::uuid`, at)} as member`,
  );
  return Boolean(row?.member);
}

/** Last year's active members that have no membership for this year yet (archived ones aside): whom to remind. */
export async function listRenewalsDue(executor: Executor, year = parisYear()) {
  const current = alias(memberships, 'current');
  return executor
    .select({ organisation: organisations, lastYear: memberships })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(current, and(eq(current.organisationId, memberships.organisationId), eq(current.year, year)))
    .where(
      and(
        eq(memberships.year, year - 1),
        eq(memberships.status, 'active'),
        isNull(current.id),
        isNull(organisations.archivedAt),
      ),
    )
    .orderBy(asc(organisations.name));
}

/** Which of these organisations are members in good standing (for lists and exports). */
export async function membersInGoodStanding(executor: Executor, organisationIds: string[], at = new Date()) {
  if (organisationIds.length === 0) return new Set<string>();
  const rows = await executor
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(inArray(organisations.id, organisationIds), inGoodStanding(organisations.id, at)));
  return new Set(rows.map((r) => r.id));
}
