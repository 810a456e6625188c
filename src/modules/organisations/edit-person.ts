// Correcting a person's record: names and civility (by the person, their referent or staff), the address
// and the kind (by staff: the address is the key of the account, the kind gives its rights). A change of
// address keeps the rule of one person per address, and tells the old address.
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { network } from '../../platform/identity.ts';
import { composeMail, queueMail } from '../../platform/mail/mail.tsx';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, text } from '../../platform/validation.ts';
import { civilities, personKinds } from './kinds.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { people } from './organisations.schema.ts';
import type { Person } from './people.ts';

export const emailField = z
  .string()
  .trim()
  .max(254, m.emailTooLong().text)
  .pipe(z.email({ error: m.emailInvalid().text }));

/**
 * What may change on a person; a field not given stays as it is, a name given empty is refused.
 * `civility: null` says « unknown ».
 */
export const personChanges = z.object({
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  email: emailField.optional(),
  kind: z.enum(personKinds, { error: m.unknownPersonKind().text }).optional(),
  civility: z.enum(civilities, { error: m.unknownCivility().text }).nullable().optional(),
});
export type PersonChanges = z.input<typeof personChanges>;

/** The fields only staff changes (see organisationsPolicy.editPerson). */
export const staffOnlyFields = ['email', 'kind'] as const;

/**
 * Changes a person's record (the caller checked who may change which field). 409 `email_taken` for an
 * address already someone else's, whatever its case — decided by the unique index when two changes race.
 */
export async function updatePerson(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Person>> {
  const [current] = await executor.select().from(people).where(eq(people.id, id)).for('update');
  if (!current) return fail(404, 'not_found', m.personNotFound());
  const parsed = personChanges.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const value = parsed.data;
  if (value.kind !== undefined && value.kind !== current.kind && actorId === id) {
    return fail(422, 'own_kind', m.ownKind(), { kind: m.ownKind().text });
  }
  const changes: Partial<Pick<Person, 'firstName' | 'lastName' | 'email' | 'kind' | 'civility'>> = {};
  if (value.firstName !== undefined && value.firstName !== current.firstName)
    changes.firstName = value.firstName;
  if (value.lastName !== undefined && value.lastName !== current.lastName) changes.lastName = value.lastName;
  if (value.email !== undefined && value.email !== current.email) changes.email = value.email;
  if (value.kind !== undefined && value.kind !== current.kind) changes.kind = value.kind;
  if (value.civility !== undefined && value.civility !== current.civility) changes.civility = value.civility;
  const fields = Object.keys(changes);
  if (fields.length === 0) return ok(current);
  const emailTaken = () => fail(409, 'email_taken', m.emailInUse(), { email: m.emailAlreadyUsed().text });
  if (changes.email) {
    const [other] = await executor
      .select({ id: people.id })
      .from(people)
      .where(and(eq(sql`lower(${people.email})`, changes.email.toLowerCase()), ne(people.id, id)));
    if (other) return emailTaken();
  }
  let updated: Person | undefined;
  try {
    // In a savepoint: a change that loses a race for the address to another leaves the transaction usable.
    updated = await executor.transaction(async (sp) => {
      const [row] = await sp.update(people).set(changes).where(eq(people.id, id)).returning();
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return emailTaken();
    throw error;
  }
  await audit(executor, {
    actorId,
    action: 'update',
    entity: 'person',
    entityId: id,
    // Which fields changed, not their values (the audit log is no copy of people's data); the kind is a role.
    data: { fields, ...(changes.kind ? { kind: { from: current.kind, to: changes.kind } } : {}) },
  });
  if (changes.email && current.email.toLowerCase() !== changes.email.toLowerCase()) {
    const { name } = network();
    await queueMail(
      executor,
      composeMail({
        to: current.email,
        subject: m.emailChangedSubject({ network: name }).text,
        greeting: `Bonjour ${updated!.firstName},`,
        paragraphs: [m.emailChangedBody({ network: name, email: changes.email }).text],
        reason: m.emailChangedWhy({ network: name }).text,
      }),
    );
  }
  return ok(updated!);
}
