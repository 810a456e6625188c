// Certificates: issued in one idempotent action to every eligible participant, verified publicly by an
// unguessable code, revocable with a reason.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/db/audit.ts';
import type { Db, Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { fail, ok, type Result } from '../../platform/result.ts';
import { formatDay, parisDate, parisTime } from '../../platform/time.ts';
import { getOrganisationsByIds } from '../organisations/organisations.ts';
import { getPerson, listMandates, type Person } from '../organisations/people.ts';
import { listApplications } from './applications.ts';
import { certificatePdf } from './certificate-pdf.ts';
import { achievementCredential, credentialSigner, credentialVersion } from './credential.ts';
import { programMessages as m } from './program.messages.ts';
import { certificates } from './program.schema.ts';
import { getProgram, listSessions, type Program } from './programs.ts';
import { cohortProgress } from './progress.ts';

export type Certificate = typeof certificates.$inferSelect;

/** 120 random bits in groups of four, without the letters one confuses (I, O, 0, 1). */
export function newCertificateCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(24);
  const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** What signing needs: the public address (ids, links) and the key that opens the signing key. */
export interface SigningContext {
  baseUrl: string;
  secretsKey: Buffer;
}

/** The certificate's title in the holder's form, with the network's name (« Auditrice de Cités Unies France »). */
export function certificateTitle(civility: Person['civility']): string {
  const name = network().name;
  if (civility === 'madame') return m.titleFeminine({ network: name }).text;
  if (civility === 'monsieur') return m.titleMasculine({ network: name }).text;
  return m.titleInclusive({ network: name }).text;
}

/**
 * Is it early to issue the edition's certificates? They are given at the ceremony (`certificatesOn`): before
 * that day it is early. An edition without a ceremony day set: early while one of its sessions is not over.
 */
export async function issuanceTiming(executor: Executor, program: Program, at: Date) {
  const sessions = (await listSessions(executor, program.id)).filter((s) => s.event.cancelledAt === null);
  const sessionsToCome = sessions.filter((s) => s.event.endsAt > at).length;
  const early = program.certificatesOn ? parisDate(at) < program.certificatesOn : sessionsToCome > 0;
  return { early, ceremony: program.certificatesOn, sessionsToCome, sessionCount: sessions.length };
}

/** Why issuing now is early, in a sentence (for the confirmation and the refusal). */
export function earlyMessage(timing: Awaited<ReturnType<typeof issuanceTiming>>) {
  const left = timing.sessionsToCome;
  return timing.ceremony
    ? m.earlyBeforeCeremony({ day: formatDay(parisTime(timing.ceremony, '12:00')), left })
    : m.earlyBeforeLastSession({ left });
}

/**
 * The day a certificate says it was made, and when its credential becomes valid. Issued ahead of the
 * ceremony (confirmed as early), it is the ceremony's: « Fait à Paris, le 10 février 2027 », valid from that
 * day; on the day or after, the day it is issued, valid at once (decision 013).
 */
export function issuance(program: Pick<Program, 'certificatesOn'>, at: Date) {
  const today = parisDate(at);
  if (program.certificatesOn && today < program.certificatesOn) {
    return { issuedOn: program.certificatesOn, validFrom: parisTime(program.certificatesOn, '00:00') };
  }
  return { issuedOn: today, validFrom: at };
}

/**
 * Issues a certificate to every eligible participant of the cohort who has none; returns the new ones.
 * Before the ceremony it refuses (422 `early`) unless `early` confirms that staff knows it is early.
 */
export async function issueCertificates(
  db: Db,
  programId: string,
  actorId: string,
  signing: SigningContext,
  options: { early?: boolean; at?: Date } = {},
): Promise<Result<{ code: string; personId: string }[]>> {
  const at = options.at ?? new Date();
  const { baseUrl } = signing;
  const program = await getProgram(db, programId);
  if (!program) return fail(404, 'not_found', m.programNotFound());
  const timing = await issuanceTiming(db, program, at);
  if (timing.early && !options.early) return fail(422, 'early', earlyMessage(timing));
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
  const { issuedOn, validFrom } = issuance(program, at);
  const signer = await credentialSigner(db, baseUrl, signing.secretsKey);
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
    const title = certificateTitle(person.civility);
    const pdf = await certificatePdf({
      code,
      holderName,
      holderMandate: mandate,
      organisationName: organisation?.name ?? null,
      title,
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
      sessionCount: timing.sessionCount,
      holderEmail: person.email,
      title,
      validFrom,
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
      title,
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
      data: { count: inserted.length, issuedOn, ...(timing.early ? { early: true } : {}) },
    });
    return ok(inserted.map((c) => ({ code: c.code, personId: c.personId! })));
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

/**
 * What anyone may know from a code: valid or revoked, holder's name, title, edition, date. Nothing more. A
 * holder whose identity was erased is nameless (`holder` null, `erased` true).
 */
export async function verifyCertificate(executor: Executor, code: string) {
  const certificate = await getCertificate(executor, code);
  if (!certificate) return undefined;
  const program = (await getProgram(executor, certificate.programId))!;
  return {
    valid: certificate.revokedAt === null,
    holder: certificate.holderName,
    erased: certificate.erasedAt !== null,
    title: certificate.title ?? certificateTitle(null),
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
