import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';

describe('the life of an API token', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const call = (token: string) =>
    app.inject({ url: '/api/v1/events', headers: { authorization: `Bearer ${token}` } });

  it('opens nothing once it has expired, and says when it was last used', async () => {
    const { id, token } = await createApiToken(db, staff.id, { label: 'tableau de bord', days: 30 });
    assert.equal((await call(token)).statusCode, 200);
    const listed = (await listApiTokens(db, { personId: staff.id })).find((t) => t.id === id)!;
    assert.ok(listed.lastUsedAt, 'its last use is recorded');
    assert.ok(!('tokenHash' in listed), 'the list never carries the hash');
    await db.execute(sql`update api_tokens set expires_at = now() - interval '1 second' where id = ${id}`);
    const expired = await call(token);
    assert.equal(expired.statusCode, 401);
    assert.match(expired.json().error.message, /absent, invalide ou révoqué/);
  });

  it('is revoked by staff from its page, at once', async () => {
    const { id, token } = await createApiToken(db, staff.id, { label: 'outil perdu' });
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    const page = await browser.get('/gestion/jetons');
    assert.match(page.body, /outil perdu/);
    assert.doesNotMatch(page.body, new RegExp(token), 'no token is ever shown again');
    const revoked = await browser.post(`/gestion/jetons/${id}/revocation`, {});
    assert.equal(revoked.statusCode, 303);
    assert.equal((await call(token)).statusCode, 401);
    assert.ok((await revokeApiToken(db, id, staff.id)).ok, 'revoking again changes nothing and succeeds');
  });

  it('is made for a person by staff and shown once, with French refusals for bad input', async () => {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    await browser.get('/gestion/jetons');
    const made = await browser.post('/gestion/jetons', {
      email: staff.email,
      label: 'export régional',
      days: '90',
    });
    assert.equal(made.statusCode, 200);
    const token = /<code class="token">(cdk_[\w-]+)<\/code>/.exec(made.body)?.[1];
    assert.ok(token, 'the token is shown once');
    assert.equal((await call(token)).statusCode, 200);
    const bad = await browser.post('/gestion/jetons', {
      email: 'personne@example.org',
      label: '',
      days: '9999',
    });
    assert.equal(bad.statusCode, 400);
    for (const text of ['Aucune personne active', 'Donnez un nom', 'de 1 à 730'])
      assert.match(bad.body, new RegExp(text));
  });
});
