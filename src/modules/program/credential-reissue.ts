// Data migration run at every start: certificates whose Open Badges credential is in an older format get a
// new one (same certificate, code, PDF and revocation; same holder, achievement and date; new token). It
// needs the signing key, which only the application holds, hence code rather than SQL in the migration.
import { and, asc, eq, lt, notInArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/client.ts';
import { credentialSigner, credentialVersion, reissuedCredential } from './credential.ts';
import { certificates } from './program.schema.ts';

export interface ReissueOptions {
  batchSize?: number;
  logger?: Pick<Logger, 'info' | 'error'>;
}

/**
 * Re-signs every credential below `credentialVersion`; returns how many this call re-signed, and how many
 * it could not read (left as they are, logged, tried again at the next start).
 *
 * Several processes may start at once on one PostgreSQL server: each takes its batch with FOR UPDATE SKIP
 * LOCKED and rewrites it in the same transaction, so a certificate is re-signed by one of them only, and a
 * row another process has just rewritten no longer matches `credential_version < current` when locked.
 */
export async function reissueCredentials(
  db: Db,
  baseUrl: string,
  secretsKey: Buffer,
  options: ReissueOptions = {},
): Promise<{ reissued: number; unreadable: number }> {
  const outdated = lt(certificates.credentialVersion, credentialVersion);
  const [any] = await db.select({ id: certificates.id }).from(certificates).where(outdated).limit(1);
  if (!any) return { reissued: 0, unreadable: 0 };
  // Made outside the transactions, which must use their own handle only (PGlite has one connection).
  const signer = await credentialSigner(db, baseUrl, secretsKey);
  const unreadable: string[] = [];
  let reissued = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      let signed = 0;
      const rows = await tx
        .select({
          id: certificates.id,
          code: certificates.code,
          programId: certificates.programId,
          credential: certificates.credential,
        })
        .from(certificates)
        .where(unreadable.length ? and(outdated, notInArray(certificates.id, unreadable)) : outdated)
        .orderBy(asc(certificates.id))
        .limit(options.batchSize ?? 50)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const credential = reissuedCredential(row.credential, row, baseUrl);
        if (!credential) {
          unreadable.push(row.id);
          options.logger?.error(
            { certificate: row.id },
            'attestation Open Badges illisible : non ré-émise, le certificat garde l’ancienne',
          );
          continue;
        }
        const jwt = await signer.sign(credential);
        await tx
          .update(certificates)
          .set({ credential: { json: credential, jwt }, credentialVersion })
          .where(eq(certificates.id, row.id));
        signed++;
      }
      return { taken: rows.length, signed };
    });
    // Counted once committed.
    reissued += batch.signed;
    if (batch.taken === 0) break;
  }
  if (reissued > 0)
    options.logger?.info({ reissued, version: credentialVersion }, 'attestations Open Badges ré-émises');
  return { reissued, unreadable: unreadable.length };
}
