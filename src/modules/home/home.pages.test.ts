import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { testApp } from '../../../tests/helpers.ts';

describe('the pages that say who we are', async () => {
  const services = await testApp(
    { after },
    { NETWORK_NAME: 'Réseau Exemple', NETWORK_PHONE: '01 02 03 04 05' },
  );
  const { app } = services;

  it('names the network, its address and its contacts on every page, and on the contact page', async () => {
    for (const url of ['/', '/agenda', '/connexion', '/contact']) {
      const page = await app.inject({ url });
      assert.equal(page.statusCode, 200, url);
      assert.match(page.body, /<title>[^<]* — Réseau Exemple<\/title>/, url);
      assert.match(page.body, /9 rue Christiani, 75018 Paris/, url);
      assert.match(page.body, /href="tel:0102030405"/, url);
    }
    assert.match((await app.inject({ url: '/contact' })).body, /suspect/);
  });

  it('publishes a privacy notice made from the register, and shows the register to staff only', async () => {
    const notice = await app.inject({ url: '/confidentialite' });
    assert.equal(notice.statusCode, 200);
    assert.match(notice.body, /Inscrire les personnes aux événements/);
    assert.doesNotMatch(notice.body, /<code>registrations<\/code>/, 'no table names for the public');
    const anonymous = await app.inject({ url: '/gestion/registre' });
    assert.equal(anonymous.statusCode, 303);
    const cookie = await sessionCookie(services.db, await buildStaff(services.db));
    const register = await app.inject({ url: '/gestion/registre', headers: { cookie } });
    assert.equal(register.statusCode, 200);
    assert.match(register.body, /<code>registrations<\/code>/);
  });
});

describe('the mails page of development', async () => {
  const key = Buffer.alloc(32, 3).toString('base64');
  const withSmtp = await testApp({ after }, { SMTP_URL: 'smtp://127.0.0.1:1' });
  const production = await testApp({ after }, { NODE_ENV: 'production', SECRETS_KEY: key });

  it('does not exist with an SMTP server nor in production, even for staff', async () => {
    for (const { app, db } of [withSmtp, production]) {
      const cookie = await sessionCookie(db, await buildStaff(db));
      const page = await app.inject({ url: '/dev/courriels', headers: { cookie } });
      assert.equal(page.statusCode, 404);
      assert.doesNotMatch(
        (await app.inject({ url: '/gestion', headers: { cookie } })).body,
        /dev\/courriels/,
      );
    }
  });
});
