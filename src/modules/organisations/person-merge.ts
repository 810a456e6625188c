// The members' part of merging two records of one person (see merge-people.ts): the mandates and the
// history of organisations move to the record kept; its own facts win, and it takes from the other only
// what it lacks (a civility, an organisation, a ProConnect identity).
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { parisDate } from '../../platform/time.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { affiliations, imports, mandates, people, renewalReminders } from './organisations.schema.ts';
import type { PersonHolding } from './person-hooks.ts';

export async function mergeMembersRows(executor: Executor, fromId: string, intoId: string): Promise<void> {
  const [from] = await executor.select().from(people).where(eq(people.id, fromId));
  const [into] = await executor.select().from(people).where(eq(people.id, intoId));
  if (!from || !into) return;

  // A mandate recorded on both records (same title, start and organisation) is kept once: the kept record's.
  await executor.execute(sql`
    delete from ${mandates} a using ${mandates} b
    where a.person_id = ${fromId} and b.person_id = ${intoId} and a.title = b.title
      and a.starts_on = b.starts_on and a.organisation_id is not distinct from b.organisation_id`);
  await executor.update(mandates).set({ personId: intoId }).where(eq(mandates.personId, fromId));

  // The organisation of the kept record stays the current one. The other record's current affiliation
  // becomes history (ended the day before, as a move does), unless it is the same organisation — then one
  // affiliation remains, from the earlier start — or the kept record has no organisation — then it takes it.
  const takesOrganisation = into.organisationId === null && from.organisationId !== null;
  const dayBefore = sql`(${parisDate()}::date - 1)`;
  if (into.organisationId !== null) {
    await executor.execute(sql`
      update ${affiliations} a set starts_on = least(a.starts_on, b.starts_on)
      from ${affiliations} b
      where a.person_id = ${intoId} and a.ends_on is null and b.person_id = ${fromId} and b.ends_on is null
        and a.organisation_id = b.organisation_id`);
    await executor.execute(sql`
      delete from ${affiliations} b using ${affiliations} a
      where b.person_id = ${fromId} and b.ends_on is null and a.person_id = ${intoId} and a.ends_on is null
        and a.organisation_id = b.organisation_id`);
    await executor
      .update(affiliations)
      .set({ endsOn: sql`greatest(${affiliations.startsOn}, ${dayBefore})` })
      .where(and(eq(affiliations.personId, fromId), isNull(affiliations.endsOn)));
  }
  await executor.update(affiliations).set({ personId: intoId }).where(eq(affiliations.personId, fromId));

  await executor.update(imports).set({ createdBy: intoId }).where(eq(imports.createdBy, fromId));
  await executor
    .update(renewalReminders)
    .set({ createdBy: intoId })
    .where(eq(renewalReminders.createdBy, fromId));

  // The ProConnect identity is unique: the other record lets go of it before the kept one takes it.
  const takesOidc = into.oidcSub === null && from.oidcSub !== null;
  if (takesOidc) await executor.update(people).set({ oidcSub: null }).where(eq(people.id, fromId));
  await executor
    .update(people)
    .set({
      civility: into.civility ?? from.civility,
      ...(takesOidc ? { oidcSub: from.oidcSub } : {}),
      ...(takesOrganisation ? { organisationId: from.organisationId, referent: from.referent } : {}),
      ...(!takesOrganisation && into.organisationId === from.organisationId && from.referent
        ? { referent: true }
        : {}),
    })
    .where(eq(people.id, intoId));
}

/** The members' holdings of a person: mandates and past organisations. */
export async function membersHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [mandateRows] = await executor
    .select({ n: count() })
    .from(mandates)
    .where(eq(mandates.personId, personId));
  const [affiliationRows] = await executor
    .select({ n: count() })
    .from(affiliations)
    .where(eq(affiliations.personId, personId));
  return [
    { key: 'organisations.mandates', label: m.heldMandates().text, count: mandateRows?.n ?? 0 },
    {
      key: 'organisations.affiliations',
      label: m.heldAffiliations().text,
      count: affiliationRows?.n ?? 0,
    },
  ];
}
