// A person's data, for them and on request (RGPD): a copy of everything the platform holds about them
// (art. 15 and 20), and erasure (art. 17). Organisations owns people; each module gives its part through the
// person hooks (`Module.people`: `exported`, `erased`), the platform its tables (mails, audit trail).
import { eq } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { forgetInPlatform } from '../../platform/db/forget.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { organisationsMessages as m } from './organisations.messages.ts';
import { affiliations, mandates, people } from './organisations.schema.ts';
import { getOrganisation } from './organisations.ts';
import { getPerson, listAffiliations, listMandates } from './people.ts';
import { personErased, personExported } from './person-hooks.ts';

export interface PersonalData {
  exportedAt: string;
  person: Record<string, unknown>;
  sections: { title: string; data: unknown }[];
}

/** Everything the platform holds about the person, in sections (their own, then each module's). */
export async function exportPersonalData(
  executor: Executor,
  personId: string,
): Promise<PersonalData | undefined> {
  const person = await getPerson(executor, personId);
  if (!person) return undefined;
  const organisation = person.organisationId
    ? await getOrganisation(executor, person.organisationId)
    : undefined;
  return {
    exportedAt: new Date().toISOString(),
    person: {
      prénom: person.firstName,
      nom: person.lastName,
      courriel: person.email,
      civilité: person.civility,
      type: person.kind,
      organisation: organisation?.name ?? null,
      référent: person.referent,
      'compte désactivé le': person.disabledAt?.toISOString() ?? null,
      'créé le': person.createdAt.toISOString(),
    },
    sections: [
      {
        title: 'Mandats',
        data: (await listMandates(executor, personId)).map((x) => ({
          titre: x.mandate.title,
          collectivité: x.organisationName,
          début: x.mandate.startsOn,
          fin: x.mandate.endsOn,
        })),
      },
      {
        title: 'Collectivités successives',
        data: (await listAffiliations(executor, personId)).map((x) => ({
          organisation: x.organisationName,
          début: x.affiliation.startsOn,
          fin: x.affiliation.endsOn,
        })),
      },
      ...(await personExported(executor, personId)),
    ],
  };
}

/**
 * Erases the person: each module erases or anonymises its part, the platform forgets the mails and
 * unnames the audit trail, and the person's record keeps only a placeholder (its id ties the anonymous
 * counts of the past together), disabled. What the law or the network's duty keeps (a certificate's public
 * verification) is kept by its module without the person's identity.
 */
export async function erasePerson(
  executor: Executor,
  personId: string,
  actorId: string,
): Promise<Result<true>> {
  const person = await getPerson(executor, personId);
  if (!person) return fail(404, 'not_found', m.personNotFound());
  if (person.kind === 'staff' && person.id === actorId) return fail(422, 'erase_self', m.cannotEraseSelf());
  await personErased(executor, personId);
  await forgetInPlatform(executor, { id: person.id, email: person.email });
  await executor.delete(mandates).where(eq(mandates.personId, personId));
  await executor.delete(affiliations).where(eq(affiliations.personId, personId));
  await executor
    .update(people)
    .set({
      firstName: 'Personne',
      lastName: 'effacée',
      email: `effacee-${person.id}@invalid.example`,
      civility: null,
      oidcSub: null,
      referent: false,
      organisationId: null,
      disabledAt: person.disabledAt ?? new Date(),
    })
    .where(eq(people.id, personId));
  await audit(executor, { actorId, action: 'erase', entity: 'person', entityId: personId });
  return ok(true);
}
