// What the program does for a person's rights (RGPD), as `people.exported` / `people.erased` of the manifest:
//
// - The copy holds their certificates (what each says, its code and public address, its revocation) and
//   their expressions of interest (matched by their email address, the only thing that links them).
//   Applications are the applications module's copy; attendance is the agenda's.
// - Erasure keeps each certificate for its public verification (a certificate shown to an employer must
//   still be checkable) but without the person's identity: their name, mandate and organisation, the PDF
//   (which prints them) and the Open Badges credential (which carries a hash of their email) are emptied, the
//   certificate no longer names its holder, and the verification page says « certificat délivré à une
//   personne dont le nom a été effacé à sa demande ». Their expressions of interest are deleted. Where they
//   only issued certificates (staff), the certificates no longer name them.
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { getPerson } from '../organisations/people.ts';
import { certificates, expressionsOfInterest, programs } from './program.schema.ts';

const sameEmail = (email: string) => eq(sql`lower(${expressionsOfInterest.email})`, email.toLowerCase());

export async function exportedProgramData(executor: Executor, personId: string) {
  const person = await getPerson(executor, personId);
  const [held, interests] = await Promise.all([
    executor
      .select({
        code: certificates.code,
        edition: programs.title,
        title: certificates.title,
        issuedOn: certificates.issuedOn,
        holderName: certificates.holderName,
        holderMandate: certificates.holderMandate,
        organisationName: certificates.organisationName,
        revokedAt: certificates.revokedAt,
        revocationReason: certificates.revocationReason,
      })
      .from(certificates)
      .innerJoin(programs, eq(programs.id, certificates.programId))
      .where(eq(certificates.personId, personId))
      .orderBy(asc(certificates.issuedOn)),
    person
      ? executor
          .select({
            edition: programs.title,
            firstName: expressionsOfInterest.firstName,
            lastName: expressionsOfInterest.lastName,
            email: expressionsOfInterest.email,
            organisationName: expressionsOfInterest.organisationName,
            mandate: expressionsOfInterest.mandate,
            createdAt: expressionsOfInterest.createdAt,
            confirmedAt: expressionsOfInterest.confirmedAt,
            invitedAt: expressionsOfInterest.invitedAt,
          })
          .from(expressionsOfInterest)
          .innerJoin(programs, eq(programs.id, expressionsOfInterest.programId))
          .where(sameEmail(person.email))
          .orderBy(asc(expressionsOfInterest.createdAt))
      : [],
  ]);
  if (held.length === 0 && interests.length === 0) return undefined;
  return {
    title: 'Parcours « Diplomates des territoires »',
    data: {
      certificates: held.map((c) => ({
        ...c,
        verification: `/certificats/${c.code}`,
        revokedAt: c.revokedAt?.toISOString() ?? null,
      })),
      expressionsOfInterest: interests.map((i) => ({
        ...i,
        createdAt: i.createdAt.toISOString(),
        confirmedAt: i.confirmedAt?.toISOString() ?? null,
        invitedAt: i.invitedAt?.toISOString() ?? null,
      })),
    },
  };
}

export async function eraseProgramData(executor: Executor, personId: string): Promise<void> {
  const person = await getPerson(executor, personId);
  await executor
    .update(certificates)
    .set({
      personId: null,
      holderName: null,
      holderMandate: null,
      organisationName: null,
      pdf: null,
      credential: null,
      erasedAt: sql`now()`,
    })
    .where(eq(certificates.personId, personId));
  await executor.update(certificates).set({ issuedBy: null }).where(eq(certificates.issuedBy, personId));
  if (person) await executor.delete(expressionsOfInterest).where(sameEmail(person.email));
}
