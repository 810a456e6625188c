// Test support for Open Badges 3.0 credentials, written without the code under test nor `jose` (which signs
// them): a verifier that follows OB 3.0 §8.2 « Verify a Credential » with fast-jwt (JWS signature and JWT
// claims) and node:crypto (JWK import), and a maker of tokens in the format issued before (version 1).
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { createDecoder, createVerifier } from 'fast-jwt';

const schema = JSON.parse(
  readFileSync(
    new URL('../../shared/standards/ob3-achievementcredential.schema.json', import.meta.url),
    'utf8',
  ),
);
const ajv = new Ajv2019.default({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateSchema = ajv.compile(schema);

/** Errors of the official OB 3.0 JSON Schema of an AchievementCredential; undefined when valid. */
export function schemaErrors(credential: unknown): string | undefined {
  return validateSchema(credential) ? undefined : JSON.stringify(validateSchema.errors, null, 2);
}

type Json = Record<string, unknown>;
export const jwtClaims = ['iss', 'jti', 'nbf', 'sub', 'exp'] as const;

export interface Verified {
  header: Json;
  /** The JWT payload: the credential and its claims. */
  payload: Json;
  /** The payload without the JWT claims: the OpenBadgeCredential. */
  credential: Json;
  jwk: Json;
}

const decode = createDecoder({ complete: true });

/**
 * Verifies a compact JWS as OB 3.0 §8.2 says; throws with the first rule it breaks. `dereference` fetches a
 * URI (the header's `kid`) and returns the parsed JSON there.
 */
export async function verifyOpenBadgeJwt(
  token: string,
  dereference: (uri: string) => Promise<Json>,
): Promise<Verified> {
  const { header, payload: unverified } = decode(token) as { header: Json; payload: Json };
  const extra = Object.keys(header).filter((k) => !['alg', 'kid', 'jwk', 'typ'].includes(k));
  if (extra.length) throw new Error(`JOSE header members not allowed (§8.2): ${extra.join(', ')}`);
  if (header.typ !== undefined && header.typ !== 'JWT') throw new Error(`typ must be "JWT": ${header.typ}`);
  if (typeof header.kid !== 'string' || !URL.canParse(header.kid))
    throw new Error(`kid is not a URI: ${String(header.kid)}`);
  const jwk = await dereference(header.kid);
  if ('d' in jwk) throw new Error('the published JWK holds a private key');
  const key = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const issuer = unverified.issuer as { id?: unknown } | undefined;
  const subject = unverified.credentialSubject as { id?: unknown } | undefined;
  const verify = createVerifier({
    key: key.toString(),
    // What §8.2 names (RS256) and what this issuer uses; fast-jwt also checks the key is of that kind.
    algorithms: ['RS256', 'EdDSA'],
    complete: true,
    requiredClaims: ['iss', 'jti', 'nbf', 'sub'],
    // §8.2: each claim equals the credential's own value.
    allowedIss: String(issuer?.id),
    allowedJti: String(unverified.id),
    allowedSub: String(subject?.id),
  });
  const { payload } = verify(token) as { payload: Json };
  if (payload.nbf !== Date.parse(String(payload.validFrom)) / 1000)
    throw new Error(`nbf ${payload.nbf} is not validFrom ${payload.validFrom}`);
  const credential = Object.fromEntries(
    Object.entries(payload).filter(([k]) => !(jwtClaims as readonly string[]).includes(k)),
  );
  return { header, payload, credential, jwk };
}

/** A compact JWS signed with an Ed25519 private JWK by node:crypto. */
export function signEd25519(header: Json, payload: Json, privateJwk: Json): string {
  const part = (value: Json) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  const key = createPrivateKey({ key: privateJwk as never, format: 'jwk' });
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
}

/**
 * The credential and token as version 1 issued them, from a credential of today: no `credentialSubject.id`,
 * `validFrom` to the millisecond, the payload the bare credential, the header of VC-JOSE-COSE.
 */
export function legacyCredential(
  credential: Json,
  options: { baseUrl: string; privateJwk: Json; validFrom: string },
): { json: Json; jwt: string } {
  const json = structuredClone(credential) as Json & { credentialSubject: Json };
  delete json.credentialSubject.id;
  json.validFrom = options.validFrom;
  const header = {
    alg: 'EdDSA',
    typ: 'vc+jwt',
    cty: 'vc',
    kid: 'ob3-issuer',
    jku: `${options.baseUrl}/.well-known/jwks.json`,
  };
  return { json, jwt: signEd25519(header, json, options.privateJwk) };
}
