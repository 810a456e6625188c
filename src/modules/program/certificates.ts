// Certificates: issued in one idempotent action to every eligible participant, verified publicly by an
// unguessable code, revocable with a reason.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { parisDate } from '../../platform/time.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { getPerson, listMandates } from '../organisations/people.ts';
import { listApplications } from './applications.ts';
import { certificatePdf } from './certificate-pdf.ts';
import { achievementCredential, credentialSigner, credentialVersion } from './credential.ts';
import { programMessages as m } from './program.messages.ts';
import { certificates } from './program.schema.ts';
import { getProgram, listSessions } from './programs.ts';
import { cohortProgress } from './progress.ts';

export type Certificate = typeof certificates.$inferSelect;

/** 120 random bits in groups of four, without the letters one confuses (I, O, 0, 1). */
export function newCertificateCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(24);
  const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Issues a certificate to every eligible participant of the cohort who has none; returns the new ones. */
export async function issueCertificates(
  db: Db,
  programId: string,
  actorId: string,
  baseUrl: string,
  at = new Date(),
): Promise<Result<{ code: string; personId: string }[]>> {
  const program = await getProgram(db, programId);
  if (!program) return fail(404, 'not_found', m.programNotFound());
  const cohort = await listApplications(db, programId, ['accepted']);
  const existing = new Set(
    (
      await db
        .select({ personId: certificates.personId })
        .from(certificates)
        .where(eq(certificates.programId, programId))
    ).map((c) => c.personId),
  );
  const progress = await cohortProgress(
    db,
    program,
    cohort.map((a) => a.personId),
    at,
  );
  const due = cohort.filter((a) => !existing.has(a.personId) && progress.get(a.personId)?.eligible);
  if (due.length === 0) return ok([]);
  const sessionCount = (await listSessions(db, programId)).length;
  const issuedOn = parisDate(at);
  const signer = await credentialSigner(db, baseUrl);
  // Documents are made before the transaction: it then only writes, and stays short.
  const prepared: (typeof certificates.$inferInsert)[] = [];
  for (const application of due) {
    const person = (await getPerson(db, application.personId))!;
    const mandate =
      application.mandate ??
      (await listMandates(db, person.id)).find((m) => !m.mandate.endsOn)?.mandate.title ??
      null;
    const [organisation] = person.organisationId
      ? await getOrganisationsByIds(db, [person.organisationId])
      : [];
    const code = newCertificateCode();
    const holderName = `${person.firstName} ${person.lastName}`;
    const pdf = await certificatePdf({
      code,
      holderName,
      holderMandate: mandate,
      organisationName: organisation?.name ?? null,
      programTitle: program.title,
      issuedOn,
      signatoryName: program.signatoryName,
      signatoryTitle: program.signatoryTitle,
      verificationUrl: `${baseUrl}/certificats/${code}`,
    });
    const credential = achievementCredential({
      code,
      baseUrl,
      programId,
      programTitle: program.title,
      minSessions: program.minSessions,
      mandatoryTotal: progress.get(person.id)!.mandatoryTotal,
      sessionCount,
      holderEmail: person.email,
      issuedAt: at,
    });
    const jwt = await signer.sign(credential);
    prepared.push({
      programId,
      personId: person.id,
      code,
      issuedOn,
      holderName,
      holderMandate: mandate,
      organisationName: organisation?.name ?? null,
      pdf,
      credential: { json: credential, jwt },
      credentialVersion,
      issuedBy: actorId,
    });
  }
  return db.transaction(async (tx) => {
    // Two clicks at once: the unique (program, person) index keeps one certificate; the other is dropped.
    const inserted = await tx
      .insert(certificates)
      .values(prepared)
      .onConflictDoNothing({ target: [certificates.programId, certificates.personId] })
      .returning({ code: certificates.code, personId: certificates.personId });
    await audit(tx, {
      actorId,
      action: 'issue_certificates',
      entity: 'program',
      entityId: programId,
      data: { count: inserted.length },
    });
    return ok(inserted);
  });
}

export async function getCertificate(executor: Executor, code: string) {
  const [row] = await executor.select().from(certificates).where(eq(certificates.code, code));
  return row;
}

export async function certificateOf(executor: Executor, programId: string, personId: string) {
  const [row] = await executor
    .select()
    .from(certificates)
    .where(and(eq(certificates.programId, programId), eq(certificates.personId, personId)));
  return row;
}

export async function listCertificates(executor: Executor, programId: string) {
  return executor
    .select({
      code: certificates.code,
      personId: certificates.personId,
      holderName: certificates.holderName,
      issuedOn: certificates.issuedOn,
      revokedAt: certificates.revokedAt,
      revocationReason: certificates.revocationReason,
    })
    .from(certificates)
    .where(eq(certificates.programId, programId))
    .orderBy(asc(certificates.holderName));
}

/** What anyone may know from a code: valid or revoked, holder's name, edition, date. Nothing more. */
export async function verifyCertificate(executor: Executor, code: string) {
  const certificate = await getCertificate(executor, code);
  if (!certificate) return undefined;
  const program = (await getProgram(executor, certificate.programId))!;
  return {
    valid: certificate.revokedAt === null,
    holder: certificate.holderName,
    program: program.title,
    issuedOn: certificate.issuedOn,
    revokedOn: certificate.revokedAt ? parisDate(certificate.revokedAt) : null,
    revocationReason: certificate.revocationReason,
  };
}

export async function revokeCertificate(
  executor: Executor,
  code: string,
  reason: string,
  actorId: string,
): Promise<Result<true>> {
  const trimmed = reason.trim();
  if (trimmed.length < 3 || trimmed.length > 500) {
    return fail(400, 'invalid', m.revocationReason(), { reason: m.reasonRequired().text });
  }
  const rows = await executor
    .update(certificates)
    .set({ revokedAt: sql`now()`, revocationReason: trimmed })
    .where(and(eq(certificates.code, code), isNull(certificates.revokedAt)))
    .returning({ id: certificates.id });
  if (!rows.length) {
    return (await getCertificate(executor, code))
      ? fail(409, 'already_revoked', m.alreadyRevoked())
      : fail(404, 'not_found', m.certificateNotFound());
  }
  await audit(executor, {
    actorId,
    action: 'revoke',
    entity: 'certificate',
    entityId: rows[0]!.id,
    data: { reason: trimmed },
  });
  return ok(true);
}
