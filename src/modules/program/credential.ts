// The Open Badges 3.0 credential (OpenBadgeCredential, JSON-LD) of a certificate, and its proof: a VC-JWT as
// OB 3.0 §8.2 « JSON Web Token Proof Format » defines it, EdDSA / Ed25519, the key published as a JWK at the
// URI named by the header's `kid`. What a verifier needs: docs/decisions/007-open-badges-signing.md.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { CompactSign, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import type { Db, Executor } from '../../platform/db/client.ts';
import { network } from '../../platform/identity.ts';
import { isSealed, SecretsKeyError, seal, unseal } from '../../platform/secrets.ts';
import { signingKeys } from './program.schema.ts';

/** The issuer is the network (its configured name). */
export const issuerName = () => network().name;

/**
 * The format of the credentials issued now (stored in `certificates.credential_version`). Raise it when the
 * credential or its token changes: certificates below it are re-signed at the next start.
 * 1: VC-JOSE-COSE header (`typ: vc+jwt`, `cty`, `jku`, `kid: ob3-issuer`), no JWT claims, no subject id.
 * 2: OB 3.0 §8.2 VC-JWT (`typ: JWT`, `kid` a URI; `iss`, `jti`, `nbf`, `sub`), `credentialSubject.id`.
 */
export const credentialVersion = 2;

/** The key made for Open Badges at first use; another key would be another row of `signing_keys`. */
const issuerKeyId = 'ob3-issuer';

/** Where a key is published, one JWK per address: the header's `kid` is this URI (OB 3.0 §8.2). */
export const keyUrl = (baseUrl: string, keyId: string) => `${baseUrl}/reseau/cles/${keyId}`;
export const issuerProfileUrl = (baseUrl: string) => `${baseUrl}/reseau/profil.json`;

export interface Credential {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  issuer: { id: string; type: string[]; name: string; url: string };
  validFrom: string;
  credentialSubject: {
    id: string;
    type: string[];
    identifier: {
      type: 'IdentityObject';
      identityHash: string;
      identityType: 'emailAddress';
      hashed: true;
      salt: string;
    }[];
    achievement: {
      id: string;
      type: string[];
      achievementType: 'Certificate';
      name: string;
      description: string;
      criteria: { narrative: string };
      inLanguage: 'fr';
    };
  };
}

/** What a credential says about its holder and achievement, frozen at issue: a re-issue keeps it. */
interface Content {
  code: string;
  programId: string;
  name: string;
  validFrom: Date;
  subjectId: string;
  identity: { identityHash: string; salt: string };
  achievement: { name: string; description: string; narrative: string };
}

/** JWT times are whole seconds and `nbf` must equal `validFrom` (§8.2): the credential drops the milliseconds. */
const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);
const dateTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function build(baseUrl: string, c: Content): Credential {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `${baseUrl}/certificats/${c.code}/credential.json`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: c.name,
    issuer: { id: issuerProfileUrl(baseUrl), type: ['Profile'], name: issuerName(), url: baseUrl },
    validFrom: dateTime(c.validFrom),
    credentialSubject: {
      id: c.subjectId,
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: c.identity.identityHash,
          identityType: 'emailAddress',
          hashed: true,
          salt: c.identity.salt,
        },
      ],
      achievement: {
        id: `${baseUrl}/parcours/${c.programId}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: c.achievement.name,
        description: c.achievement.description,
        criteria: { narrative: c.achievement.narrative },
        inLanguage: 'fr',
      },
    },
  };
}

export interface CredentialInput {
  code: string;
  baseUrl: string;
  programId: string;
  programTitle: string;
  minSessions: number;
  mandatoryTotal: number;
  sessionCount: number;
  holderEmail: string;
  /** « Auditrice de Cités Unies France »: the certificate's title in the holder's form. */
  title: string;
  /** From when it is valid: its issue, or the ceremony's day when issued ahead of it. */
  validFrom: Date;
}

export function achievementCredential(c: CredentialInput): Credential {
  // The holder is identified by a salted hash of their email: the credential carries no name in clear.
  const salt = randomBytes(16).toString('hex');
  const identityHash = `sha256$${createHash('sha256')
    .update(c.holderEmail.toLowerCase() + salt)
    .digest('hex')}`;
  return build(c.baseUrl, {
    code: c.code,
    programId: c.programId,
    name: c.title,
    validFrom: wholeSeconds(c.validFrom),
    // `sub` must be a URI (§8.2). A random one per certificate names nobody and links no two certificates;
    // the holder is recognised by the hashed email above. Why not an email or a DID: decision 007.
    subjectId: `urn:uuid:${randomUUID()}`,
    identity: { identityHash, salt },
    achievement: {
      name: c.title,
      description: `Parcours d’immersion « Diplomates des territoires » — ${c.programTitle}.`,
      narrative: `Assister à au moins ${c.minSessions} des ${c.sessionCount} séances du parcours, dont les ${c.mandatoryTotal} séances obligatoires.`,
    },
  });
}

/** The part of a stored credential, of any version so far, that a re-issue keeps. */
const storedCredential = z.object({
  name: z.string().min(1),
  validFrom: z.string().refine((s) => !Number.isNaN(Date.parse(s))),
  credentialSubject: z.object({
    id: z.string().min(1).optional(),
    identifier: z
      .array(z.object({ type: z.literal('IdentityObject'), identityHash: z.string(), salt: z.string() }))
      .min(1),
    achievement: z.object({
      name: z.string().min(1),
      description: z.string().min(1),
      criteria: z.object({ narrative: z.string().min(1) }),
    }),
  }),
});

/**
 * The same credential as `stored` (what it says of the holder and the achievement, its date to the second)
 * in the current format, its addresses on `baseUrl`; undefined if `stored` is not a credential we made.
 */
export function reissuedCredential(
  stored: unknown,
  certificate: { code: string; programId: string },
  baseUrl: string,
): Credential | undefined {
  const parsed = storedCredential.safeParse((stored as { json?: unknown } | null)?.json);
  if (!parsed.success) return undefined;
  const { credentialSubject: subject } = parsed.data;
  return build(baseUrl, {
    code: certificate.code,
    programId: certificate.programId,
    name: parsed.data.name,
    validFrom: wholeSeconds(new Date(parsed.data.validFrom)),
    subjectId: subject.id ?? `urn:uuid:${randomUUID()}`,
    identity: { identityHash: subject.identifier[0]!.identityHash, salt: subject.identifier[0]!.salt },
    achievement: {
      name: subject.achievement.name,
      description: subject.achievement.description,
      narrative: subject.achievement.criteria.narrative,
    },
  });
}

/** What the sealed private key is bound to: its table and row (a sealed value moved elsewhere does not open). */
const sealContext = (keyId: string) => `signing_keys:${keyId}`;

/** A stored private key as a JWK: opened with the secrets key, or as it is if it predates sealing. */
function privateJwkOf(row: { id: string; privateJwk: unknown }, secretsKey: Buffer): JWK {
  if (isSealed(row.privateJwk)) return JSON.parse(unseal(secretsKey, row.privateJwk, sealContext(row.id)));
  return row.privateJwk as JWK;
}

/**
 * The issuer's key pair, made at first use. The private key is stored sealed with the secrets key (never in
 * clear: a copy of the database signs nothing); a key stored in clear before that is sealed at start
 * (`sealSigningKeys`).
 */
async function issuerKey(
  executor: Executor,
  secretsKey: Buffer,
): Promise<{ id: string; privateJwk: JWK; publicJwk: JWK }> {
  const [existing] = await executor.select().from(signingKeys).where(eq(signingKeys.id, issuerKeyId));
  if (existing)
    return {
      id: existing.id,
      privateJwk: privateJwkOf(existing, secretsKey),
      publicJwk: existing.publicJwk as JWK,
    };
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), alg: 'EdDSA', use: 'sig' };
  const privateJwk = seal(
    secretsKey,
    JSON.stringify({ ...(await exportJWK(privateKey)), alg: 'EdDSA' }),
    sealContext(issuerKeyId),
  );
  await executor.insert(signingKeys).values({ id: issuerKeyId, publicJwk, privateJwk }).onConflictDoNothing();
  // Another process may have won the race: read back the key that was kept.
  return issuerKey(executor, secretsKey);
}

/**
 * Seals the private keys stored in clear (made before keys were sealed); returns how many. Run at every
 * start: each row is locked while it is rewritten, so two processes starting together seal it once.
 */
export async function sealSigningKeys(db: Db, secretsKey: Buffer): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: signingKeys.id, privateJwk: signingKeys.privateJwk })
      .from(signingKeys)
      .for('update');
    let sealed = 0;
    for (const row of rows) {
      if (isSealed(row.privateJwk)) continue;
      await tx
        .update(signingKeys)
        .set({ privateJwk: seal(secretsKey, JSON.stringify(row.privateJwk), sealContext(row.id)) })
        .where(eq(signingKeys.id, row.id));
      sealed++;
    }
    return sealed;
  });
}

/**
 * What stops the start: a sealed key that the secrets key does not open (another SECRETS_KEY than the one
 * that sealed it, or a damaged row). Said in French, with what to do.
 */
export async function signingKeyProblems(executor: Executor, secretsKey: Buffer): Promise<string[]> {
  const rows = await executor
    .select({ id: signingKeys.id, privateJwk: signingKeys.privateJwk })
    .from(signingKeys);
  const problems: string[] = [];
  for (const row of rows) {
    if (!isSealed(row.privateJwk)) continue;
    try {
      privateJwkOf(row, secretsKey);
    } catch (error) {
      if (!(error instanceof SecretsKeyError)) throw error;
      problems.push(
        `La clé de signature des certificats « ${row.id} » ne s’ouvre pas : ${error.message} Sans elle, aucun certificat ne peut être signé.`,
      );
    }
  }
  return problems;
}

/** RFC 7518 §6: the private parts of EC, OKP and RSA keys, and a symmetric key. */
const privateJwkMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

/**
 * A stored public key as published: without any private member, even if one were stored by mistake (§8.2:
 * « The JWK MUST never contain "d" »), its `kid` the URI it is published at (the key made before version 2
 * says `ob3-issuer` there).
 */
function publishedJwk(baseUrl: string, id: string, stored: JWK): JWK {
  const published = Object.entries(stored).filter(([member]) => !privateJwkMembers.has(member));
  return { ...Object.fromEntries(published), use: 'sig', kid: keyUrl(baseUrl, id) };
}

/** Every key as a JWK set (`/.well-known/jwks.json`); makes the issuer key if there is none yet. */
export async function publicKeys(executor: Executor, baseUrl: string, secretsKey: Buffer) {
  await issuerKey(executor, secretsKey);
  const rows = await executor
    .select({ id: signingKeys.id, publicJwk: signingKeys.publicJwk })
    .from(signingKeys)
    .orderBy(signingKeys.createdAt);
  return { keys: rows.map((row) => publishedJwk(baseUrl, row.id, row.publicJwk as JWK)) };
}

/** One public key, as a header's `kid` dereferences to it; undefined if there is no such key. */
export async function publicKey(executor: Executor, baseUrl: string, keyId: string) {
  const [row] = await executor
    .select({ id: signingKeys.id, publicJwk: signingKeys.publicJwk })
    .from(signingKeys)
    .where(eq(signingKeys.id, keyId));
  return row && publishedJwk(baseUrl, row.id, row.publicJwk as JWK);
}

export interface Signer {
  sign(credential: Credential): Promise<string>;
}

/** Signs credentials with the issuer key; made once per batch (importing the key costs). */
export async function credentialSigner(
  executor: Executor,
  baseUrl: string,
  secretsKey: Buffer,
): Promise<Signer> {
  const { id, privateJwk } = await issuerKey(executor, secretsKey);
  const key = await importJWK(privateJwk, 'EdDSA');
  // §8.2: these three header members and no other (`jwk` being the alternative to `kid`).
  const header = { alg: 'EdDSA', typ: 'JWT', kid: keyUrl(baseUrl, id) };
  return {
    sign: (credential) => {
      // §8.2: the payload is the credential itself with the JWT claims that repeat its issuer, id, date and
      // subject (no `vc` wrapper, which was VC Data Model 1.1's; no `exp`, as the credential has no end).
      const payload = {
        ...credential,
        iss: credential.issuer.id,
        jti: credential.id,
        nbf: Date.parse(credential.validFrom) / 1000,
        sub: credential.credentialSubject.id,
      };
      return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader(header)
        .sign(key);
    },
  };
}
