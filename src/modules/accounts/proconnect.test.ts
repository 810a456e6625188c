import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { OAuth2Server } from 'oauth2-mock-server';
import { buildPerson } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { hashSecret } from '../../platform/secrets.ts';

interface Identity {
  sub: string;
  email: string;
  given_name?: string;
  usual_name?: string;
  siret?: string;
  acr?: string | null;
  email_verified?: boolean;
}

describe('sign-in with ProConnect (OpenID Connect)', async () => {
  const provider = new OAuth2Server();
  await provider.issuer.keys.generate('RS256');
  await provider.start(0, '127.0.0.1');
  after(() => provider.stop());
  const issuer = provider.issuer.url!;
  const { app, db } = await testApp(
    { after },
    {
      PROCONNECT_ISSUER: issuer,
      PROCONNECT_CLIENT_ID: 'coopdec-tests',
      PROCONNECT_CLIENT_SECRET: 'secret-de-test',
    },
  );

  /**
   * The whole round trip: our redirect to the provider, the provider's redirect back with a code,
   * and our callback, with the provider answering `identity` in the ID token and at userinfo.
   */
  let clients = 0;
  async function signInAs(identity: Identity, options: { tamperState?: boolean } = {}) {
    // A client address per attempt: the route is rate-limited per client.
    const remoteAddress = `10.1.0.${++clients}`;
    const start = await app.inject({ method: 'GET', url: '/connexion/proconnect', remoteAddress });
    assert.equal(start.statusCode, 303);
    const authorize = new URL(start.headers.location as string);
    assert.equal(authorize.origin, new URL(issuer).origin);
    assert.equal(authorize.searchParams.get('client_id'), 'coopdec-tests');
    assert.equal(
      authorize.searchParams.get('redirect_uri'),
      'http://localhost:3000/connexion/proconnect/retour',
    );
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('scope') ?? '', /openid.*email.*siret/);
    const pending = start.cookies.find((c) => c.name === 'coopdec_oidc');
    assert.ok(pending, 'the pending sign-in is kept in a cookie');
    assert.equal(pending.httpOnly, true);

    // Each token the provider signs (access token, then ID token) and its userinfo carry this identity; by
    // default at the level of assurance asked, with a verified email (as ProConnect answers).
    const claims: Identity = { acr: 'eidas1', email_verified: true, ...identity };
    const onToken = (token: { payload: Record<string, unknown> }) => {
      Object.assign(token.payload, claims);
      if (claims.acr === null) delete token.payload.acr;
    };
    provider.service.on('beforeTokenSigning', onToken);
    provider.service.once('beforeUserinfo', (response: { body: unknown }) => {
      response.body = { ...claims };
    });
    try {
      const back = await fetch(authorize, { redirect: 'manual' });
      assert.equal(back.status, 302);
      const callback = new URL(back.headers.get('location')!);
      assert.equal(callback.pathname, '/connexion/proconnect/retour');
      if (options.tamperState) callback.searchParams.set('state', 'falsifie');
      return await app.inject({
        method: 'GET',
        url: `${callback.pathname}${callback.search}`,
        remoteAddress,
        headers: { cookie: `coopdec_oidc=${encodeURIComponent(pending.value)}` },
      });
    } finally {
      provider.service.off('beforeTokenSigning', onToken);
      provider.service.removeAllListeners('beforeUserinfo');
    }
  }

  const sessionOf = (response: Awaited<ReturnType<typeof signInAs>>) => {
    assert.equal(response.statusCode, 303, response.body);
    assert.equal(response.headers.location, '/mon-espace');
    const cookie = response.cookies.find((c) => c.name === 'coopdec_session');
    assert.ok(cookie?.value, 'a session cookie is set');
    return cookie.value;
  };

  const oidcSubOf = async (personId: string) =>
    (
      await queryRows<{ oidc_sub: string | null }>(
        db,
        sql`select oidc_sub from people where id = ${personId}`,
      )
    )[0]?.oidc_sub;

  it('offers ProConnect on the sign-in page when it is configured', async () => {
    const page = await app.inject({ method: 'GET', url: '/connexion' });
    assert.match(page.body, /S’identifier avec ProConnect/);
    assert.match(String(page.headers['content-security-policy']), new RegExp(`form-action 'self' ${issuer}`));
  });

  it('signs a person in by email the first time and links the ProConnect subject to the account', async () => {
    const person = await buildPerson(db, { firstName: 'Inès', email: 'ines.agent@mairie-exemple.fr' });
    assert.equal(await oidcSubOf(person.id), null);
    const response = await signInAs({
      sub: 'pc-ines-0001',
      email: 'Ines.Agent@mairie-exemple.fr',
      given_name: 'Inès',
      usual_name: 'Agent',
      siret: '21540395700017',
    });
    const session = sessionOf(response);
    assert.equal(await oidcSubOf(person.id), 'pc-ines-0001');
    const space = await app.inject({
      method: 'GET',
      url: '/mon-espace',
      headers: { cookie: `coopdec_session=${session}` },
    });
    assert.equal(space.statusCode, 200);
    assert.ok(space.body.includes(person.lastName));
  });

  it('finds the person by subject the next time, even when the email sent by ProConnect has changed', async () => {
    const person = await buildPerson(db, { email: 'paul.agent@agglo-exemple.fr' });
    sessionOf(await signInAs({ sub: 'pc-paul-0002', email: 'paul.agent@agglo-exemple.fr' }));
    const response = await signInAs({
      sub: 'pc-paul-0002',
      email: 'paul.agent@nouvelle-adresse.fr',
      given_name: 'Paul',
      usual_name: 'Agent',
      siret: '20000000000000',
    });
    const session = sessionOf(response);
    const [row] = await queryRows<{ person_id: string }>(
      db,
      sql`select person_id from sessions where id_hash = ${hashSecret(session)}`,
    );
    assert.equal(row?.person_id, person.id);
    assert.equal(await oidcSubOf(person.id), 'pc-paul-0002');
  });

  it('refuses an identity that matches no account with 403 and a French message', async () => {
    const [before] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sessions`);
    const response = await signInAs({ sub: 'pc-inconnu-0003', email: 'inconnu@prefecture-exemple.gouv.fr' });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Aucun compte Coopdec ne correspond à cette identité ProConnect/);
    assert.equal(
      response.cookies.find((c) => c.name === 'coopdec_session'),
      undefined,
      'no session is opened',
    );
    const [afterwards] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sessions`);
    assert.equal(afterwards?.n, before?.n);
  });

  it('refuses a disabled account, and an account already linked to another subject', async () => {
    const disabled = await buildPerson(db, { email: 'desactive@mairie-exemple.fr' });
    await db.execute(sql`update people set disabled_at = now() where id = ${disabled.id}`);
    const refused = await signInAs({ sub: 'pc-desactive-0004', email: 'desactive@mairie-exemple.fr' });
    assert.equal(refused.statusCode, 403);
    assert.equal(await oidcSubOf(disabled.id), null);

    const linked = await buildPerson(db, { email: 'lie@mairie-exemple.fr' });
    sessionOf(await signInAs({ sub: 'pc-lie-0005', email: 'lie@mairie-exemple.fr' }));
    const other = await signInAs({ sub: 'pc-autre-0006', email: 'lie@mairie-exemple.fr' });
    assert.equal(other.statusCode, 403);
    assert.match(other.body, /déjà relié à une autre identité ProConnect/);
    assert.equal(await oidcSubOf(linked.id), 'pc-lie-0005');
  });

  it('refuses an ID token without the level of assurance asked (acr), and links no unverified email', async () => {
    await buildPerson(db, { email: 'acr@mairie-exemple.fr' });
    for (const acr of [null, 'eidas0']) {
      const weak = await signInAs({ sub: `pc-acr-${acr}`, email: 'acr@mairie-exemple.fr', acr });
      assert.equal(weak.statusCode, 401);
      assert.match(weak.body, /niveau demandé/);
    }
    const unverified = await signInAs({
      sub: 'pc-non-verifie-0007',
      email: 'acr@mairie-exemple.fr',
      email_verified: false,
    });
    assert.equal(unverified.statusCode, 403);
    assert.match(unverified.body, /n’a pas vérifié votre adresse/);
    const [linked] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from people where oidc_sub like 'pc-%' and lower(email) = 'acr@mairie-exemple.fr'`,
    );
    assert.equal(linked?.n, 0, 'no subject was linked');
    // Verified, the same address signs in and links the subject.
    assert.ok(sessionOf(await signInAs({ sub: 'pc-verifie-0008', email: 'acr@mairie-exemple.fr' })));
  });

  it('refuses a callback whose state does not match, and one without the pending cookie', async () => {
    await buildPerson(db, { email: 'etat@mairie-exemple.fr' });
    const tampered = await signInAs(
      { sub: 'pc-etat-0007', email: 'etat@mairie-exemple.fr' },
      { tamperState: true },
    );
    assert.equal(tampered.statusCode, 401);
    assert.match(tampered.body, /La connexion avec ProConnect a échoué/);
    const orphan = await app.inject({ method: 'GET', url: '/connexion/proconnect/retour?code=x&state=y' });
    assert.equal(orphan.statusCode, 400);
    assert.match(orphan.body, /La connexion a expiré\. Recommencez depuis la page de connexion/);
  });
});
