// The chairs of a group, by dated terms. Appointing a chair ends the previous term the day before, so the
// history reads « présidé par … du … au … ». A chair is an élu of a French local government in good standing
// with a mandate in force; a chair whose mandate has ended (elections) is never shown as chair: the group's
// chair is then « à pourvoir » until staff appoints the next one.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Message } from '../../platform/messages.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDate, parisDate, parisTime, parisYear } from '../../platform/time.ts';
import { fieldErrors, isoDate, uuid } from '../../platform/validation.ts';
import { type PersonCard, personCards } from '../organisations/directory.ts';
import { frenchLocalGovernmentKinds } from '../organisations/kinds.ts';
import { isMemberInGoodStanding } from '../organisations/memberships.ts';
import { getOrganisation } from '../organisations/organisations.ts';
import { getPerson, listMandates } from '../organisations/people.ts';
import { groupsMessages as m } from './groups.messages.ts';
import { groupChairs, groups } from './groups.schema.ts';
import { getGroup } from './groups.ts';

export type ChairTerm = typeof groupChairs.$inferSelect;

export const chairInput = z.object({ personId: uuid, startsOn: isoDate });

/** The day before an ISO day. */
export const dayBefore = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

/** The person's mandate in force on that day, if any (the latest started). */
async function mandateInForce(executor: Executor, personId: string, day: string) {
  const rows = await listMandates(executor, personId);
  return rows.find(
    ({ mandate }) => mandate.startsOn <= day && (mandate.endsOn === null || mandate.endsOn >= day),
  )?.mandate;
}

/**
 * May this person chair a group from that day? An élu, account not disabled, with a mandate in force then,
 * of a French local government that is a member in good standing that year. The refusal says which.
 */
export async function chairEligibility(
  executor: Executor,
  personId: string,
  day: string,
): Promise<Result<{ organisationId: string }>> {
  const person = await getPerson(executor, personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  const refuse = (reason: Message) =>
    fail(422, 'chair_not_eligible', m.chairNotEligible({ reason: reason.text }), {
      personId: m.chairNotEligible({ reason: reason.text }).text,
    });
  if (person.kind !== 'elected') return refuse(m.reasonNotElected());
  if (person.disabledAt) return refuse(m.reasonDisabled());
  const mandate = await mandateInForce(executor, person.id, day);
  if (!mandate) return refuse(m.reasonNoMandate({ day: formatDate(day) }));
  const organisationId = mandate.organisationId ?? person.organisationId;
  const organisation = organisationId ? await getOrganisation(executor, organisationId) : undefined;
  if (!organisation || !frenchLocalGovernmentKinds.includes(organisation.kind))
    return refuse(m.reasonNotLocalGovernment());
  const at = parisTime(day, '12:00');
  if (!(await isMemberInGoodStanding(executor, organisation.id, at)))
    return refuse(m.reasonNotMember({ organisation: organisation.name, year: parisYear(at) }));
  return ok({ organisationId: organisation.id });
}

/** Appoints a chair from `startsOn`; the open term ends the day before. */
export async function appointChair(
  executor: Executor,
  groupId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<ChairTerm>> {
  const group = await getGroup(executor, groupId);
  if (!group) return fail(404, 'not_found', m.groupNotFound());
  const parsed = chairInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { personId, startsOn } = parsed.data;
  const eligible = await chairEligibility(executor, personId, startsOn);
  if (!eligible.ok) return eligible;
  // Two staff appointing at once: the second waits for the first, then sees its term.
  await executor.execute(sql`select 1 from ${groups} where ${groups.id} = ${groupId} for update`);
  const [open] = await executor
    .select()
    .from(groupChairs)
    .where(and(eq(groupChairs.groupId, groupId), isNull(groupChairs.endsOn)));
  if (open) {
    if (open.personId === personId) return fail(409, 'already_chair', m.alreadyChair());
    if (open.startsOn >= startsOn) {
      const message = m.startsBeforeCurrent({ day: formatDate(open.startsOn) });
      return fail(422, 'invalid', message, { startsOn: message.text });
    }
    await executor
      .update(groupChairs)
      .set({ endsOn: dayBefore(startsOn) })
      .where(eq(groupChairs.id, open.id));
  }
  const [term] = await executor
    .insert(groupChairs)
    .values({ groupId, personId, organisationId: eligible.value.organisationId, startsOn })
    .returning();
  await audit(executor, {
    actorId,
    action: 'appoint_chair',
    entity: 'group',
    entityId: groupId,
    data: { personId, startsOn, previous: open?.personId ?? null },
  });
  return ok(term!);
}

export type ChairRow = ChairTerm & { person: PersonCard | undefined };

/** A group's chairs, newest first, with the people as the members' module knows them. */
export async function chairsOf(executor: Executor, groupId: string): Promise<ChairRow[]> {
  const terms = await executor
    .select()
    .from(groupChairs)
    .where(eq(groupChairs.groupId, groupId))
    .orderBy(desc(groupChairs.startsOn));
  const cards = await personCards(
    executor,
    terms.map((t) => t.personId),
  );
  return terms.map((t) => ({ ...t, person: cards.get(t.personId) }));
}

/**
 * Who chairs the group today: `in_office` (a term in force, the person's mandate too), `vacant` (a term in
 * force but the mandate has ended: « présidence à pourvoir »), or `none` (no term in force).
 */
export type ChairState =
  | { state: 'in_office'; term: ChairRow; mandateTitle: string }
  | { state: 'vacant'; term: ChairRow }
  | { state: 'none' };

export async function chairState(
  executor: Executor,
  chairs: ChairRow[],
  at: Date = new Date(),
): Promise<ChairState> {
  const today = parisDate(at);
  const term = chairs.find((t) => t.startsOn <= today && (t.endsOn === null || t.endsOn >= today));
  if (!term) return { state: 'none' };
  const mandate = await mandateInForce(executor, term.personId, today);
  if (!mandate || !term.person || term.person.disabled) return { state: 'vacant', term };
  return { state: 'in_office', term, mandateTitle: mandate.title };
}
