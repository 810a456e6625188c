// People of the network and their history: mandates of élus, and the organisations they belonged to.
import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisDate } from '../../platform/time.ts';
import { fieldErrors, isoDate, optional, text, uuid } from '../../platform/validation.ts';
import { type PersonKind, personKinds } from './kinds.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { affiliations, mandates, organisations, people } from './organisations.schema.ts';
import { personDisabled } from './person-hooks.ts';

export type Person = typeof people.$inferSelect;
export type Mandate = typeof mandates.$inferSelect;

export const personKindLabels: Record<PersonKind, string> = {
  elected: 'Élu ou élue',
  officer: 'Technicien ou technicienne',
  staff: 'Équipe du réseau',
  partner: 'Partenaire',
};

export const mandateInput = z.object({
  title: text(300),
  startsOn: isoDate,
});

export const personInput = z
  .object({
    firstName: text(100),
    lastName: text(100),
    email: z
      .string()
      .trim()
      .max(254, m.emailTooLong().text)
      .pipe(z.email({ error: m.emailInvalid().text })),
    kind: z.enum(personKinds, { error: m.unknownPersonKind().text }),
    organisationId: optional(uuid),
    referent: optional(z.boolean()),
    mandate: mandateInput.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.mandate && value.kind !== 'elected') {
      ctx.addIssue({ code: 'custom', path: ['mandate'], message: m.onlyElectedHaveMandates().text });
    }
  });
export type PersonInput = z.input<typeof personInput>;

/** Whether people may join this organisation: it exists, and is not archived. */
async function organisationState(executor: Executor, id: string): Promise<'missing' | 'archived' | 'open'> {
  const [row] = await executor
    .select({ archivedAt: organisations.archivedAt })
    .from(organisations)
    .where(eq(organisations.id, id));
  return !row ? 'missing' : row.archivedAt ? 'archived' : 'open';
}

export async function findPersonByEmail(executor: Executor, email: string): Promise<Person | undefined> {
  const [row] = await executor
    .select()
    .from(people)
    .where(eq(sql`lower(${people.email})`, email.trim().toLowerCase()));
  return row;
}

export async function getPerson(executor: Executor, id: string): Promise<Person | undefined> {
  const [row] = await executor.select().from(people).where(eq(people.id, id));
  return row;
}

/**
 * The query of the person whose id the SQL `id` gives (a subquery on another module's table, say), with
 * `extra` values read in the same statement: one round trip where a lookup and then `getPerson` would take
 * two. Returned unrun, so that a caller may prepare it (platform/db/prepared.ts).
 */
export function selectPersonWith<T extends Record<string, SQL>>(executor: Executor, id: SQL, extra: T) {
  return executor
    .select({ person: people, ...extra })
    .from(people)
    .where(eq(people.id, id));
}

export async function createPerson(
  executor: Executor,
  input: unknown,
  actorId: string | null,
): Promise<Result<Person>> {
  const parsed = personInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const value = parsed.data;
  const state = value.organisationId ? await organisationState(executor, value.organisationId) : 'open';
  if (state === 'missing') {
    return fail(422, 'unknown_organisation', m.unknownOrganisation(), {
      organisationId: m.organisationMissing().text,
    });
  }
  if (state === 'archived') {
    return fail(422, 'organisation_archived', m.organisationArchived(), {
      organisationId: m.organisationArchived().text,
    });
  }
  if (await findPersonByEmail(executor, value.email)) {
    return fail(409, 'conflict', m.emailTaken(), { email: m.emailAlreadyUsed().text });
  }
  const [person] = await executor
    .insert(people)
    .values({
      firstName: value.firstName,
      lastName: value.lastName,
      email: value.email,
      kind: value.kind,
      organisationId: value.organisationId ?? null,
      referent: value.referent ?? false,
    })
    .onConflictDoNothing()
    .returning();
  // Two requests with the same address at once: the unique index decides, the loser gets the same 409.
  if (!person) return fail(409, 'conflict', m.emailTaken());
  if (value.organisationId) {
    await executor.insert(affiliations).values({
      personId: person.id,
      organisationId: value.organisationId,
      startsOn: value.mandate?.startsOn ?? parisDate(),
    });
  }
  if (value.mandate) {
    await executor.insert(mandates).values({
      personId: person.id,
      organisationId: value.organisationId ?? null,
      title: value.mandate.title,
      startsOn: value.mandate.startsOn,
    });
  }
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'person',
    entityId: person.id,
    data: { kind: value.kind, organisationId: value.organisationId ?? null, mandate: value.mandate ?? null },
  });
  return ok(person);
}

export async function listPeopleOfOrganisation(
  executor: Executor,
  organisationId: string,
): Promise<Person[]> {
  return executor
    .select()
    .from(people)
    .where(eq(people.organisationId, organisationId))
    .orderBy(asc(people.lastName), asc(people.firstName));
}

export async function listMandates(executor: Executor, personId: string) {
  return executor
    .select({ mandate: mandates, organisationName: organisations.name })
    .from(mandates)
    .leftJoin(organisations, eq(organisations.id, mandates.organisationId))
    .where(eq(mandates.personId, personId))
    .orderBy(desc(mandates.startsOn));
}

export async function listAffiliations(executor: Executor, personId: string) {
  return executor
    .select({ affiliation: affiliations, organisationName: organisations.name })
    .from(affiliations)
    .innerJoin(organisations, eq(organisations.id, affiliations.organisationId))
    .where(eq(affiliations.personId, personId))
    .orderBy(desc(affiliations.startsOn));
}

/** Starts a mandate at the person's current organisation. */
export async function startMandate(
  executor: Executor,
  personId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Mandate>> {
  const parsed = mandateInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const person = await getPerson(executor, personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  if (person.kind !== 'elected') return fail(422, 'not_elected', m.onlyElectedHaveMandates());
  const [mandate] = await executor
    .insert(mandates)
    .values({ personId, organisationId: person.organisationId, ...parsed.data })
    .returning();
  await audit(executor, {
    actorId,
    action: 'create',
    entity: 'mandate',
    entityId: mandate!.id,
    data: parsed.data,
  });
  return ok(mandate!);
}

export const endMandateInput = z.object({ endsOn: isoDate });

export async function endMandate(
  executor: Executor,
  mandateId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Mandate>> {
  const parsed = endMandateInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const [current] = await executor.select().from(mandates).where(eq(mandates.id, mandateId));
  if (!current) return fail(404, 'not_found', m.mandateNotFound());
  if (current.endsOn) return fail(409, 'already_ended', m.mandateAlreadyEnded());
  if (parsed.data.endsOn < current.startsOn) {
    return fail(422, 'invalid', m.mandateEndsBeforeStart(), { endsOn: m.endBeforeStart().text });
  }
  const [mandate] = await executor
    .update(mandates)
    .set({ endsOn: parsed.data.endsOn })
    .where(eq(mandates.id, mandateId))
    .returning();
  await audit(executor, {
    actorId,
    action: 'end',
    entity: 'mandate',
    entityId: mandateId,
    data: parsed.data,
  });
  return ok(mandate!);
}

export const moveInput = z.object({ organisationId: uuid, on: optional(isoDate) });

/**
 * Moves a person to another organisation: the current affiliation and the open mandates end the day
 * before; the history stays.
 */
export async function movePerson(
  executor: Executor,
  personId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Person>> {
  const parsed = moveInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const on = parsed.data.on ?? parisDate();
  const person = await getPerson(executor, personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  if (person.organisationId === parsed.data.organisationId) {
    return fail(409, 'unchanged', m.alreadyThere());
  }
  const state = await organisationState(executor, parsed.data.organisationId);
  if (state === 'missing') return fail(422, 'unknown_organisation', m.unknownOrganisation());
  if (state === 'archived') return fail(422, 'organisation_archived', m.organisationArchived());
  const dayBefore = sql`(${on}::date - 1)`;
  await executor
    .update(affiliations)
    .set({ endsOn: sql`greatest(${affiliations.startsOn}, ${dayBefore})` })
    .where(and(eq(affiliations.personId, personId), isNull(affiliations.endsOn)));
  await executor
    .update(mandates)
    .set({ endsOn: sql`greatest(${mandates.startsOn}, ${dayBefore})` })
    .where(and(eq(mandates.personId, personId), isNull(mandates.endsOn)));
  await executor
    .insert(affiliations)
    .values({ personId, organisationId: parsed.data.organisationId, startsOn: on });
  const [moved] = await executor
    .update(people)
    .set({ organisationId: parsed.data.organisationId, referent: false })
    .where(eq(people.id, personId))
    .returning();
  await audit(executor, {
    actorId,
    action: 'move',
    entity: 'person',
    entityId: personId,
    data: { from: person.organisationId, to: parsed.data.organisationId, on },
  });
  return ok(moved!);
}

export async function setReferent(
  executor: Executor,
  personId: string,
  referent: boolean,
  actorId: string | null,
) {
  const [person] = await executor.update(people).set({ referent }).where(eq(people.id, personId)).returning();
  if (!person) return fail(404, 'not_found', m.personNotFound());
  await audit(executor, {
    actorId,
    action: 'referent',
    entity: 'person',
    entityId: personId,
    data: { referent },
  });
  return ok(person);
}

/** Disables or enables an account; a disabled person cannot sign in, and the modules close what it had open. */
export async function setDisabled(
  executor: Executor,
  personId: string,
  disabled: boolean,
  actorId: string | null,
) {
  const [person] = await executor
    .update(people)
    .set({ disabledAt: disabled ? new Date() : null })
    .where(eq(people.id, personId))
    .returning();
  if (!person) return fail(404, 'not_found', m.personNotFound());
  if (disabled) await personDisabled(executor, personId);
  await audit(executor, {
    actorId,
    action: disabled ? 'disable' : 'enable',
    entity: 'person',
    entityId: personId,
  });
  return ok(person);
}

export async function linkOidcSubject(executor: Executor, personId: string, sub: string) {
  await executor.update(people).set({ oidcSub: sub }).where(eq(people.id, personId));
  await audit(executor, {
    actorId: personId,
    action: 'link_proconnect',
    entity: 'person',
    entityId: personId,
  });
}

export async function findPersonByOidcSubject(executor: Executor, sub: string): Promise<Person | undefined> {
  const [row] = await executor.select().from(people).where(eq(people.oidcSub, sub));
  return row;
}
