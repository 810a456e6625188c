// Merging two records of one person (imported twice, created by a referent and by staff…): everything the
// first holds in every module — registrations, attendance, mandates, applications, certificates, history —
// becomes the second's, then the first is deleted. Each module moves its own rows (`Module.people.merged`);
// where both records hold a row that must be unique (two registrations to one event), the module keeps the
// more advanced one and says which.
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { fieldErrors, uuid } from '../../platform/validation.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { people } from './organisations.schema.ts';
import type { Person } from './people.ts';
import { personHoldings, personMerged } from './person-hooks.ts';

export const mergeInput = z.object({ intoId: uuid });

/**
 * Merges the person `fromId` into `intoId`, in the caller's transaction: 404 when `fromId` is not (or no
 * longer) there — a second click finds it gone —, 422 for the same record twice, an unknown record to keep,
 * or the actor's own record (they would lose their session). Returns the record kept.
 */
export async function mergePeople(
  executor: Executor,
  fromId: string,
  input: unknown,
  actorId: string | null,
): Promise<Result<Person>> {
  const parsed = mergeInput.safeParse(input);
  if (!parsed.success) return fail(400, 'invalid', m.invalid(), fieldErrors(parsed.error));
  const { intoId } = parsed.data;
  // Both rows locked, in the same order whoever asks: two merges of the same pair wait for each other.
  const locked = await executor
    .select({ id: people.id })
    .from(people)
    .where(inArray(people.id, [fromId, intoId]))
    .orderBy(people.id)
    .for('update');
  if (!locked.some((r) => r.id === fromId)) return fail(404, 'not_found', m.personNotFound());
  if (fromId === intoId) return fail(422, 'same_person', m.samePerson(), { intoId: m.samePerson().text });
  if (!locked.some((r) => r.id === intoId)) {
    return fail(422, 'unknown_person', m.mergeTargetMissing(), { intoId: m.mergeTargetMissing().text });
  }
  if (fromId === actorId) return fail(422, 'merge_self', m.mergeSelf());
  const moved = await personHoldings(executor, fromId);
  const [gone] = await executor
    .select({ email: people.email, kind: people.kind })
    .from(people)
    .where(eq(people.id, fromId));
  await personMerged(executor, fromId, intoId);
  await executor.delete(people).where(eq(people.id, fromId));
  await audit(executor, {
    actorId,
    action: 'merge',
    entity: 'person',
    entityId: intoId,
    data: {
      from: fromId,
      fromKind: gone?.kind,
      moved: Object.fromEntries(moved.map((h) => [h.key, h.count])),
    },
  });
  const [kept] = await executor.select().from(people).where(eq(people.id, intoId));
  return ok(kept!);
}
