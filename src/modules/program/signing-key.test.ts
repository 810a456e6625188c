// Issue 11, finding 11: the Open Badges signing key is kept encrypted at rest with a key from the
// environment. Proven on a real database: a key stored in clear by an older version is sealed at start and
// the table never holds it in clear afterwards; tokens signed before and after still verify; a wrong
// SECRETS_KEY stops the start with a French sentence.
import assert from 'node:assert/strict';
import { createDecipheriv, generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildElected, buildEvent, buildLocalGovernment, buildStaff } from '../../../tests/factories.ts';
import { testApp, testConfig } from '../../../tests/helpers.ts';
import { verifyOpenBadgeJwt } from '../../../tests/ob3.ts';
import { queryRows } from '../../platform/db/client.ts';
import { type Sealed, secretsKey } from '../../platform/secrets.ts';
import { recordAttendance } from '../events/check-in.ts';
import { moduleProblems, startModules } from '../index.ts';
import { applyToProgram, decideApplication } from './applications.ts';
import { issueCertificates } from './certificates.ts';
import { credentialSigner, sealSigningKeys } from './credential.ts';
import { signingKeys } from './program.schema.ts';
import { addSession, createProgram } from './programs.ts';

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('the Open Badges signing key, sealed with SECRETS_KEY', async () => {
  const services = await testApp({ after });
  const { app, db, config } = services;
  const signing = { baseUrl: config.baseUrl, secretsKey: secretsKey(config) };
  const staff = await buildStaff(db);
  const town = await buildLocalGovernment(db, { member: true });
  const program = expectOk(await createProgram(db, { title: 'Promotion scellée', minSessions: 1 }, staff.id));
  const session = await buildEvent(db, { audience: 'members' }, -5);
  expectOk(await addSession(db, program.id, { eventId: session.id }, staff.id));

  /** A new élu of the cohort, present at the session; their certificate issued; its token. */
  async function certifiedToken(): Promise<string> {
    const elected = await buildElected(db, town.id);
    const application = expectOk(await applyToProgram(db, program.id, { personId: elected.id }, elected.id));
    expectOk(
      await db.transaction((tx) =>
        decideApplication(tx, application.id, { decision: 'accepted' }, staff.id, config.baseUrl),
      ),
    );
    await recordAttendance(db, {
      eventId: session.id,
      personId: elected.id,
      source: 'check_in',
      recordedBy: null,
    });
    const [issued] = expectOk(await issueCertificates(db, program.id, staff.id, signing));
    return (await app.inject({ method: 'GET', url: `/certificats/${issued!.code}/credential.jwt` })).body;
  }

  const dereference = async (uri: string) =>
    (await app.inject({ method: 'GET', url: new URL(uri).pathname })).json();

  /** Every column of every row of the table, as text: what a copy of the database would show. */
  const tableText = async () =>
    (await queryRows<{ row: string }>(db, sql`select t::text as row from signing_keys t`))
      .map((r) => r.row)
      .join('\n');

  // The key as the versions before this one stored it: a private JWK in clear.
  const legacy = generateKeyPairSync('ed25519');
  const privateJwk = { ...legacy.privateKey.export({ format: 'jwk' }), alg: 'EdDSA' };
  const { d, ...publicPart } = privateJwk;
  await db.insert(signingKeys).values({
    id: 'ob3-issuer',
    publicJwk: { ...publicPart, use: 'sig' },
    privateJwk,
  });

  let before = '';
  it('keeps signing with a key stored in clear by an older version until the start seals it', async () => {
    before = await certifiedToken();
    const { jwk } = await verifyOpenBadgeJwt(before, dereference);
    assert.equal(jwk.x, privateJwk.x);
    assert.ok((await tableText()).includes(d!), 'still in clear before the start');
  });

  it('seals it at start: the table never holds the private key in clear afterwards', async () => {
    await startModules(services);
    const text = await tableText();
    assert.equal(text.includes(d!), false, 'the private part is nowhere in the table');
    assert.equal(/"d"\s*:/.test(text), false, 'no private member at all');
    // What is stored opens, with node:crypto alone, to the very key that was in clear.
    const [row] = await db.select().from(signingKeys);
    const sealed = row!.privateJwk as Sealed;
    const decipher = createDecipheriv('aes-256-gcm', secretsKey(config), Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from('signing_keys:ob3-issuer'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const opened = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    assert.deepEqual(JSON.parse(opened.toString()), privateJwk);
    // A second start seals nothing more.
    assert.equal(await sealSigningKeys(db, secretsKey(config)), 0);
    assert.equal(await tableText(), text);
  });

  it('verifies the tokens signed before, and signs new ones with the same key', async () => {
    await verifyOpenBadgeJwt(before, dereference);
    const after = await certifiedToken();
    const { jwk, header } = await verifyOpenBadgeJwt(after, dereference);
    assert.equal(jwk.x, privateJwk.x, 'the same key, published at the same kid');
    assert.equal(header.kid, `${config.baseUrl}/reseau/cles/ob3-issuer`);
    assert.equal((await tableText()).includes(d!), false);
  });

  it('refuses another SECRETS_KEY in French: the start stops, and nothing is signed with it', async () => {
    const wrong = testConfig({ SECRETS_KEY: randomBytes(32).toString('base64') });
    const problems = await moduleProblems(db, wrong);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0]!,
      /^La clé de signature des certificats « ob3-issuer » ne s’ouvre pas : .*avec une autre clé que SECRETS_KEY.* Sans elle, aucun certificat ne peut être signé\.$/,
    );
    await assert.rejects(
      credentialSigner(db, config.baseUrl, secretsKey(wrong)),
      /autre clé que SECRETS_KEY/,
    );
    assert.deepEqual(await moduleProblems(db, config), [], 'the right key starts');
  });

  it('makes a new key sealed from the first use', async () => {
    const { app: fresh, db: empty } = await testApp({ after });
    assert.equal((await fresh.inject({ method: 'GET', url: '/.well-known/jwks.json' })).statusCode, 200);
    const [row] = await empty.select().from(signingKeys);
    assert.equal((row!.privateJwk as Sealed).sealed, 'aes-256-gcm');
    assert.equal('d' in (row!.privateJwk as object), false);
  });
});
