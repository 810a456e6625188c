// The Open Badges 3.0 credential (AchievementCredential, JSON-LD) of a certificate, and its signature:
// a compact JWS (VC-JWT, EdDSA / Ed25519) by the issuer's key, published as a JWK set.
// Why this proof format: docs/decisions/007-open-badges-signing.md.
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Executor } from '../../platform/db/client.ts';
import { signingKeys } from './program.schema.ts';

export const issuerName = 'Cités Unies France';

export interface CredentialInput {
  code: string;
  baseUrl: string;
  programId: string;
  programTitle: string;
  minSessions: number;
  mandatoryTotal: number;
  sessionCount: number;
  holderEmail: string;
  issuedAt: Date;
}

export function achievementCredential(c: CredentialInput) {
  // The holder is identified by a salted hash of their email: the credential carries no name in clear.
  const salt = randomBytes(16).toString('hex');
  const identityHash = `sha256$${createHash('sha256')
    .update(c.holderEmail.toLowerCase() + salt)
    .digest('hex')}`;
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `${c.baseUrl}/certificats/${c.code}/credential.json`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Auditeur de Cités Unies France',
    issuer: { id: `${c.baseUrl}/reseau/profil.json`, type: ['Profile'], name: issuerName, url: c.baseUrl },
    validFrom: c.issuedAt.toISOString(),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityHash, identityType: 'emailAddress', hashed: true, salt },
      ],
      achievement: {
        id: `${c.baseUrl}/parcours/${c.programId}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: 'Auditeur de Cités Unies France',
        description: `Parcours d’immersion « Diplomates des territoires » — ${c.programTitle}.`,
        criteria: {
          narrative: `Assister à au moins ${c.minSessions} des ${c.sessionCount} séances du parcours, dont les ${c.mandatoryTotal} séances obligatoires.`,
        },
        inLanguage: 'fr',
      },
    },
  };
}

export type Credential = ReturnType<typeof achievementCredential>;

/** The issuer's key pair, made and stored at first use. */
async function issuerKey(executor: Executor): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
  const [existing] = await executor.select().from(signingKeys).where(eq(signingKeys.id, 'ob3-issuer'));
  if (existing)
    return {
      kid: 'ob3-issuer',
      privateJwk: existing.privateJwk as JWK,
      publicJwk: existing.publicJwk as JWK,
    };
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: 'ob3-issuer', alg: 'EdDSA', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid: 'ob3-issuer', alg: 'EdDSA' };
  await executor
    .insert(signingKeys)
    .values({ id: 'ob3-issuer', publicJwk, privateJwk })
    .onConflictDoNothing();
  // Another process may have won the race: read back the key that was kept.
  return issuerKey(executor);
}

export async function publicKeys(executor: Executor) {
  const { publicJwk } = await issuerKey(executor);
  return { keys: [publicJwk] };
}

export interface Signer {
  sign(credential: Credential): Promise<string>;
}

/** Signs credentials with the issuer key; made once per batch (importing the key costs). */
export async function credentialSigner(executor: Executor, baseUrl: string): Promise<Signer> {
  const { kid, privateJwk } = await issuerKey(executor);
  const key = await importJWK(privateJwk, 'EdDSA');
  return {
    sign: (credential) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
        .setProtectedHeader({
          alg: 'EdDSA',
          typ: 'vc+jwt',
          cty: 'vc',
          kid,
          jku: `${baseUrl}/.well-known/jwks.json`,
        })
        .sign(key),
  };
}
