// The lifecycle of an organisation after its creation: staff corrects what the official reference does not
// give (the name, country and SIREN of an institution or a foreign local government), archives an
// organisation that left the network's life, and restores it. Nothing is deleted: people, memberships and
// events keep pointing at it.
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, optional, text } from '../../platform/validation.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { organisations } from './organisations.schema.ts';
import { isFromReference, type Organisation } from './organisations.ts';

/** What may change on an organisation; a field not given (or an empty code) stays as it is. */
export const organisationChanges = z.object({
  name: text(200).optional(),
  country: optional(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, m.countryFormat().text)
      .transform((c) => c.toUpperCase()),
  ),
  siren: optional(z.string().regex(/^\d{9}$/, m.sirenFormat().text)),
  /** true archives, false restores. */
  archived: optional(z.boolean({ error: m.trueOrFalse().text })),
});
export type OrganisationChanges = z.input<typeof organisationChanges>;

/**
 * Changes an organisation. A French local government's name and codes come from the reference: a change of
 * them is refused (422 `from_reference`), the same value sent again is not a change. Archiving and
 * restoring are changes like the others, each audited.
 */
export async function updateOrganisation(
  executor: Executor,
  id: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Organisation>> {
  const [current] = await executor.select().from(organisations).where(eq(organisations.id, id)).for('update');
  if (!current) return fail(404, 'not_found', m.organisationNotFound());
  const parsed = organisationChanges.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { archived, ...fields } = parsed.data;
  const changed: Partial<Record<'name' | 'country' | 'siren', string>> = {};
  for (const key of ['name', 'country', 'siren'] as const) {
    const value = fields[key];
    if (value !== undefined && value !== current[key]) changed[key] = value;
  }
  const keys = Object.keys(changed) as (keyof typeof changed)[];
  if (keys.length && isFromReference(current.kind)) {
    return fail(
      422,
      'from_reference',
      m.fromReference(),
      Object.fromEntries(keys.map((k) => [k, m.fromReferenceField().text])),
    );
  }
  if (keys.length && current.archivedAt && archived !== false) {
    return fail(409, 'archived', m.organisationArchived());
  }
  const country = changed.country ?? current.country;
  if (current.kind === 'foreign_local_government' && country === 'FR') {
    return fail(400, 'invalid', m.invalid(), { country: m.countryRequired().text });
  }
  if (changed.siren) {
    const [duplicate] = await executor
      .select({ name: organisations.name })
      .from(organisations)
      .where(and(eq(organisations.siren, changed.siren), ne(organisations.id, id)));
    if (duplicate) {
      return fail(409, 'conflict', m.organisationExists({ name: duplicate.name }), {
        siren: m.organisationExists({ name: duplicate.name }).text,
      });
    }
  }
  const archiving = archived === true && !current.archivedAt;
  const restoring = archived === false && Boolean(current.archivedAt);
  if (!keys.length && !archiving && !restoring) {
    if (archived === true) return fail(409, 'already_archived', m.alreadyArchived());
    if (archived === false) return fail(409, 'not_archived', m.notArchived());
    return ok(current);
  }
  const [updated] = await executor
    .update(organisations)
    .set({
      ...changed,
      ...(archiving ? { archivedAt: sql`now()` } : {}),
      ...(restoring ? { archivedAt: null } : {}),
    })
    .where(eq(organisations.id, id))
    .returning();
  if (restoring) await audit(executor, { actorId, action: 'restore', entity: 'organisation', entityId: id });
  if (keys.length) {
    await audit(executor, {
      actorId,
      action: 'update',
      entity: 'organisation',
      entityId: id,
      data: Object.fromEntries(keys.map((k) => [k, { from: current[k], to: changed[k] }])),
    });
  }
  if (archiving) await audit(executor, { actorId, action: 'archive', entity: 'organisation', entityId: id });
  return ok(updated!);
}
