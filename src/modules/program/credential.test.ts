import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { createVerifier, TokenError } from 'fast-jwt';
import {
  bearer,
  buildElected,
  buildEvent,
  buildLocalGovernment,
  buildStaff,
} from '../../../tests/factories.ts';
import { testApp, testConfig } from '../../../tests/helpers.ts';
import { legacyCredential, schemaErrors, signEd25519, verifyOpenBadgeJwt } from '../../../tests/ob3.ts';
import { type Sealed, secretsKey, unseal } from '../../platform/secrets.ts';
import { recordAttendance } from '../events/check-in.ts';
import { revokeCertificate } from './certificates.ts';
import { reissueCredentials } from './credential-reissue.ts';
import { certificates, programs, signingKeys } from './program.schema.ts';

const baseUrl = 'http://localhost:3000';
type Json = Record<string, unknown>;

describe('the Open Badges 3.0 credential of a certificate', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);
  const member = await buildLocalGovernment(db, { member: true });
  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
  const get = (url: string) => app.inject({ method: 'GET', url });

  /** What a verifier does with a `kid` or an `iss`: fetch it, here from the app itself. */
  async function dereference(uri: string): Promise<Json> {
    const url = new URL(uri);
    assert.equal(url.origin, baseUrl, `${uri} is not on the platform`);
    const response = await get(url.pathname + url.search);
    assert.equal(response.statusCode, 200, `${uri}: ${response.statusCode}`);
    return response.json();
  }

  /** An edition of 3 past sessions, certified at 2; `people` élus attended all of them; certificates issued. */
  async function certifiedCohort(people: number) {
    const program = (
      await api('POST', '/api/v1/programs', { title: 'Promotion 2026', minSessions: 2 })
    ).json();
    const events = [];
    for (let i = 0; i < 3; i++) {
      const event = await buildEvent(db, { audience: 'members' }, -30 + i);
      await api('POST', `/api/v1/programs/${program.id}/sessions`, { eventId: event.id });
      events.push(event);
    }
    const holders = [];
    for (let i = 0; i < people; i++) {
      const elected = await buildElected(db, member.id);
      const applied = await api('POST', `/api/v1/programs/${program.id}/applications`, {
        personId: elected.id,
      });
      await api('POST', `/api/v1/applications/${applied.json().id}/decision`, { decision: 'accepted' });
      for (const event of events)
        await recordAttendance(db, {
          eventId: event.id,
          personId: elected.id,
          source: 'check_in',
          recordedBy: null,
        });
      holders.push(elected);
    }
    const issued = await api('POST', `/api/v1/programs/${program.id}/certificates`);
    assert.equal(issued.statusCode, 201);
    const codes = issued.json() as { code: string; personId: string }[];
    assert.equal(codes.length, people);
    return { program, holders, codes };
  }

  const key = secretsKey(testConfig());
  const [privateKey] = await (async () => {
    await get('/.well-known/jwks.json'); // makes the issuer key
    return db.select({ jwk: signingKeys.privateJwk }).from(signingKeys);
  })();
  // Stored sealed (signing-key.test.ts proves it): opened here to sign tokens of the older format.
  const privateJwk = JSON.parse(unseal(key, privateKey!.jwk as Sealed, 'signing_keys:ob3-issuer')) as Json;

  it('is a VC-JWT as OB 3.0 §8.2 defines it, verified by an independent verifier through its kid', async () => {
    const { holders, codes } = await certifiedCohort(2);
    const subjects = new Set<unknown>();
    for (const { code, personId } of codes) {
      const token = await get(`/certificats/${code}/credential.jwt`);
      assert.equal(token.statusCode, 200);
      assert.equal(token.headers['content-type'], 'application/jwt');
      const verified = await verifyOpenBadgeJwt(token.body, dereference);

      assert.deepEqual(verified.header, {
        alg: 'EdDSA',
        typ: 'JWT',
        kid: `${baseUrl}/reseau/cles/ob3-issuer`,
      });
      assert.deepEqual(Object.keys(verified.jwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
      assert.equal(verified.jwk.crv, 'Ed25519');
      assert.equal(verified.jwk.kid, verified.header.kid);
      const jwks = (await get('/.well-known/jwks.json')).json();
      assert.deepEqual(jwks.keys, [verified.jwk], 'the JWK set lists the same key, under the same kid');

      // The claims, each equal to what the credential says.
      const { payload } = verified;
      assert.equal(payload.iss, `${baseUrl}/reseau/profil.json`);
      assert.equal(payload.jti, `${baseUrl}/certificats/${code}/credential.json`);
      assert.ok(Number.isInteger(payload.nbf));
      assert.ok(Math.abs((payload.nbf as number) - Date.now() / 1000) < 120, 'nbf is the issue time');
      assert.match(
        String(payload.sub),
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      assert.equal('vc' in payload, false, 'the credential is the payload, not wrapped in a vc claim');
      subjects.add(payload.sub);

      // The payload less its claims is the credential served as JSON-LD, valid against the official schema.
      const json = (await get(`/certificats/${code}/credential.json`)).json();
      assert.deepEqual(verified.credential, json);
      assert.equal(schemaErrors(json), undefined, schemaErrors(json));
      assert.equal(schemaErrors(payload), undefined, 'the payload itself is an AchievementCredential');
      const issuer = await dereference(String(payload.iss));
      assert.equal(issuer.id, payload.iss);
      assert.deepEqual(issuer.type, ['Profile']);

      // The holder is recognised by their email hashed with the salt, which appears nowhere in clear.
      const holder = holders.find((h) => h.id === personId)!;
      const [identity] = json.credentialSubject.identifier;
      assert.equal(
        identity.identityHash,
        `sha256$${createHash('sha256')
          .update(holder.email.toLowerCase() + identity.salt)
          .digest('hex')}`,
      );
      assert.equal(token.body.includes(holder.email), false);
      assert.equal(JSON.stringify(payload).includes(holder.email), false, 'no email in clear');
      assert.equal(JSON.stringify(payload).includes(holder.lastName), false, 'no name in clear');
    }
    assert.equal(subjects.size, 2, 'one subject id per certificate: two certificates are not linked');
  });

  it('rejects a token whose payload was changed after signing', async () => {
    const { codes } = await certifiedCohort(1);
    const token = (await get(`/certificats/${codes[0]!.code}/credential.jwt`)).body;
    const [header, payload, signature] = token.split('.');
    const changed = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    changed.credentialSubject.achievement.name = 'Docteur honoris causa';
    const forged = `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    await assert.rejects(verifyOpenBadgeJwt(forged, dereference), /signature/i);
  });

  it('rejects the format issued before: VC-JOSE-COSE header, no claims, no subject id', async () => {
    const { codes } = await certifiedCohort(1);
    const json = (await get(`/certificats/${codes[0]!.code}/credential.json`)).json();
    const old = legacyCredential(json, { baseUrl, privateJwk, validFrom: '2026-06-30T08:15:42.123Z' });
    await assert.rejects(verifyOpenBadgeJwt(old.jwt, dereference), /header members not allowed.*cty, jku/);
    // Each of its other faults, with the right key in hand: the verifier refuses them one by one.
    const { x, crv, kty } = privateJwk;
    const key = createPublicKey({ key: { x, crv, kty } as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const refusal = (options: object, token: string) => {
      try {
        createVerifier({ key, algorithms: ['EdDSA'], ...options })(token);
        return 'accepted';
      } catch (error) {
        return (error as TokenError).code;
      }
    };
    assert.equal(refusal({}, old.jwt), 'accepted', 'the signature itself is good');
    assert.equal(refusal({ checkTyp: 'jwt' }, old.jwt), TokenError.codes.invalidType);
    for (const claim of ['iss', 'jti', 'nbf', 'sub'])
      assert.equal(refusal({ requiredClaims: [claim] }, old.jwt), TokenError.codes.missingRequiredClaim);
    // Its kid is a bare name, not a URI to dereference, and its credential names no subject.
    const oldHeader = JSON.parse(Buffer.from(old.jwt.split('.')[0]!, 'base64url').toString());
    assert.equal(URL.canParse(oldHeader.kid), false);
    assert.equal((old.json.credentialSubject as Json).id, undefined);
    // The same credential signed the way version 2 does passes: the faults above are the whole difference.
    const fixed = signEd25519(
      { alg: 'EdDSA', typ: 'JWT', kid: `${baseUrl}/reseau/cles/ob3-issuer` },
      {
        ...json,
        iss: json.issuer.id,
        jti: json.id,
        nbf: Date.parse(json.validFrom) / 1000,
        sub: json.credentialSubject.id,
      },
      privateJwk,
    );
    await verifyOpenBadgeJwt(fixed, dereference);
  });

  it('publishes each key at its own address, and nothing for a key that does not exist', async () => {
    const key = await get('/reseau/cles/ob3-issuer');
    assert.match(String(key.headers['content-type']), /^application\/jwk\+json/);
    assert.equal('d' in key.json(), false);
    // Even a key stored with its private part by mistake is published without it.
    await db.insert(signingKeys).values({ id: 'cle-test', publicJwk: privateJwk, privateJwk });
    const careless = (await get('/reseau/cles/cle-test')).json();
    assert.deepEqual(Object.keys(careless).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    assert.equal(careless.kid, `${baseUrl}/reseau/cles/cle-test`);
    await db.delete(signingKeys).where(eq(signingKeys.id, 'cle-test'));
    for (const url of [
      '/reseau/cles/inconnue',
      '/reseau/cles/%3Cscript%3E',
      `/reseau/cles/${'a'.repeat(70)}`,
    ]) {
      const response = await get(url);
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().error.message, 'Aucune clé ne porte ce nom.');
    }
  });

  it('re-signs at start the credentials issued before, once, keeping the certificate and what it says', async () => {
    const { program, codes } = await certifiedCohort(5);
    const all = codes.map((c) => c.code);
    const rows = await db.select().from(certificates).where(inArray(certificates.code, all));
    // Make them what version 1 issued: what each says is kept, its format is the old one.
    const legacy = new Map<string, { json: Json; jwt: string }>();
    for (const [i, row] of rows.entries()) {
      const old = legacyCredential((row.credential as { json: Json }).json, {
        baseUrl,
        privateJwk,
        validFrom: `2026-06-30T08:15:4${i}.${100 + i}Z`,
      });
      legacy.set(row.code, old);
      await db
        .update(certificates)
        .set({ credential: old, credentialVersion: 1 })
        .where(eq(certificates.id, row.id));
    }
    const revoked = rows[0]!.code;
    assert.ok(
      (await db.transaction((tx) => revokeCertificate(tx, revoked, 'Erreur de saisie', staff.id))).ok,
    );
    // One more that cannot be read: it is left as it is, and does not stop the others.
    const unreadable = rows[1]!;
    const garbage = { json: { type: ['Autre chose'] }, jwt: 'x.y.z' };
    await db.update(certificates).set({ credential: garbage }).where(eq(certificates.id, unreadable.id));
    // The edition is renamed since: a re-issued credential still says what was certified.
    await db.update(programs).set({ title: 'Promotion renommée' }).where(eq(programs.id, program.id));
    const before = await db.select().from(certificates).where(inArray(certificates.code, all));

    // Two processes starting at once.
    const errors: unknown[] = [];
    const logger = { info: () => {}, error: (o: unknown) => errors.push(o) };
    const runs = await Promise.all([
      reissueCredentials(db, baseUrl, key, { batchSize: 2, logger }),
      reissueCredentials(db, baseUrl, key, { batchSize: 2, logger }),
    ]);
    assert.equal(runs[0].reissued + runs[1].reissued, 4, 'each readable certificate re-signed exactly once');
    assert.ok(errors.length >= 1);
    assert.deepEqual(await reissueCredentials(db, baseUrl, key, { logger }), {
      reissued: 0,
      unreadable: 1,
    });

    const after = await db.select().from(certificates).where(inArray(certificates.code, all));
    for (const row of after) {
      const was = before.find((b) => b.id === row.id)!;
      // The certificate itself does not change.
      assert.equal(row.code, was.code);
      assert.ok(row.pdf!.equals(was.pdf!), 'same PDF');
      assert.deepEqual(
        [row.issuedOn, row.holderName, row.revokedAt, row.revocationReason, row.createdAt],
        [was.issuedOn, was.holderName, was.revokedAt, was.revocationReason, was.createdAt],
      );
      if (row.id === unreadable.id) {
        assert.equal(row.credentialVersion, 1);
        assert.deepEqual(row.credential, garbage);
        continue;
      }
      assert.equal(row.credentialVersion, 2);
      const token = await get(`/certificats/${row.code}/credential.jwt`);
      const { credential, payload } = await verifyOpenBadgeJwt(token.body, dereference);
      const old = legacy.get(row.code)!.json as Json & { credentialSubject: Json };
      assert.deepEqual((await get(`/certificats/${row.code}/credential.json`)).json(), credential);
      assert.equal(schemaErrors(credential), undefined);
      // What it says is what was certified: holder, achievement (under the old title), date to the second.
      const subject = credential.credentialSubject as Json;
      assert.deepEqual(subject.identifier, old.credentialSubject.identifier);
      assert.deepEqual(subject.achievement, old.credentialSubject.achievement);
      assert.match(String((subject.achievement as Json).description), /Promotion 2026\.$/);
      assert.equal(credential.validFrom, String(old.validFrom).replace(/\.\d{3}Z$/, 'Z'));
      assert.equal(payload.jti, `${baseUrl}/certificats/${row.code}/credential.json`);
      assert.match(String(subject.id), /^urn:uuid:/);
    }
    // Revocation is untouched: the page still says so.
    const page = await get(`/certificats/${revoked}`);
    assert.match(page.body, /révoqué/i);
    assert.match(page.body, /Erreur de saisie/);
  });

  it('re-signs nothing and makes no key when every credential is current', async () => {
    const { app: other, db: empty } = await testApp({ after });
    assert.deepEqual(await reissueCredentials(empty, baseUrl, key), { reissued: 0, unreadable: 0 });
    assert.deepEqual(await empty.select().from(signingKeys), []);
    assert.equal((await other.inject({ method: 'GET', url: '/reseau/cles/ob3-issuer' })).statusCode, 404);
  });
});
