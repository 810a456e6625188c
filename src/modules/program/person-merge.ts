// The program's part of merging two records of one person (organisations/merge-people.ts): certificates,
// and those the person issued, move to the record kept. A certificate is one per edition and person: where
// both records hold one of the same edition, the valid one is kept (not revoked), then the earlier issued;
// the other is deleted — its public verification then answers « inconnu », as for a code never issued.
// (Applications to an edition are the applications module's, which moves them.)
import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { defineMessages } from '../../platform/messages.ts';
import type { PersonHolding } from '../organisations/person-hooks.ts';
import { certificates } from './program.schema.ts';

const m = defineMessages('program', { heldCertificates: 'Certificats du parcours' });

const rank = (alias: string) => sql.raw(`(case when ${alias}.revoked_at is null then 1 else 0 end)`);

export async function mergeProgramPerson(executor: Executor, fromId: string, intoId: string): Promise<void> {
  await executor.execute(sql`
    delete from certificates c using certificates o
    where c.program_id = o.program_id
      and ((c.person_id = ${fromId} and o.person_id = ${intoId}) or (c.person_id = ${intoId} and o.person_id = ${fromId}))
      and (${rank('c')} < ${rank('o')}
        or (${rank('c')} = ${rank('o')} and (c.issued_on, c.created_at, c.id) > (o.issued_on, o.created_at, o.id)))`);
  await executor.update(certificates).set({ personId: intoId }).where(eq(certificates.personId, fromId));
  await executor.update(certificates).set({ issuedBy: intoId }).where(eq(certificates.issuedBy, fromId));
}

export async function programHeldBy(executor: Executor, personId: string): Promise<PersonHolding[]> {
  const [held] = await executor
    .select({ n: count() })
    .from(certificates)
    .where(eq(certificates.personId, personId));
  return [{ key: 'program.certificates', label: m.heldCertificates().text, count: held?.n ?? 0 }];
}
