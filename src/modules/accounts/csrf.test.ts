import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import {
  bearer,
  buildLocalGovernment,
  buildOfficer,
  buildStaff,
  sessionCookie,
} from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { queryRows } from '../../platform/db/client.ts';

describe('protection against cross-site requests', async () => {
  const { app, db } = await testApp({ after });
  const organisation = await buildLocalGovernment(db);
  const referent = await buildOfficer(db, organisation.id, true);
  const staff = await buildStaff(db);
  const auth = await bearer(db, staff);

  /** The referent's browser, signed in, holding the CSRF token of « Mon espace ». */
  async function referentBrowser() {
    const browser = new Browser(app);
    const [name, value] = (await sessionCookie(db, referent)).split('=') as [string, string];
    browser.jar.store({ cookies: [{ name, value }] });
    const page = await browser.get('/mon-espace');
    assert.equal(page.statusCode, 200);
    assert.ok(browser.csrf, 'the page carries a CSRF token');
    return browser;
  }

  const count = async (table: 'people' | 'organisations') =>
    (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

  let serial = 0;
  const colleague = () => ({
    firstName: 'Ana',
    lastName: `Lopes-${++serial}`,
    email: `ana.lopes.${serial}@example.org`,
    kind: 'officer',
  });

  it('refuses a form sent without its CSRF token with 403 and a French message, writing nothing', async () => {
    const browser = await referentBrowser();
    const before = await count('people');
    const response = await browser.post('/mon-espace/personnes', colleague(), { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Le formulaire a expiré ou ne vient pas de ce site/);
    assert.equal(await count('people'), before);
  });

  it('refuses a form with a forged token, or without the CSRF cookie', async () => {
    const browser = await referentBrowser();
    const before = await count('people');
    const forged = await browser.post('/mon-espace/personnes', { ...colleague(), _csrf: 'contrefait' });
    assert.equal(forged.statusCode, 403);
    const noCookie = await app.inject({
      method: 'POST',
      url: '/connexion',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: 'a@example.org', _csrf: browser.csrf }).toString(),
    });
    assert.equal(noCookie.statusCode, 403);
    assert.match(noCookie.body, /Le formulaire a expiré/);
    assert.equal(await count('people'), before);
  });

  it('refuses a form from another site (Origin) with 403 even with a valid token, writing nothing', async () => {
    const browser = await referentBrowser();
    const before = await count('people');
    const response = await browser.post('/mon-espace/personnes', colleague(), {
      origin: 'https://attaquant.example.net',
    });
    assert.equal(response.statusCode, 403);
    assert.match(response.body, /Cette demande vient d’un autre site : elle est refusée/);
    assert.equal(await count('people'), before);
    const [tokens] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sign_in_tokens`);
    const signIn = await browser.post('/connexion', { email: referent.email }, { origin: 'null' });
    assert.equal(signIn.statusCode, 403);
    const [after] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from sign_in_tokens`);
    assert.equal(after?.n, tokens?.n);
  });

  it('refuses a form a browser marks as cross-site (Sec-Fetch-Site) without an Origin header', async () => {
    const browser = await referentBrowser();
    const before = await count('people');
    const response = await app.inject({
      method: 'POST',
      url: '/mon-espace/personnes',
      headers: {
        cookie: browser.jar.header,
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'cross-site',
      },
      payload: new URLSearchParams({ _csrf: browser.csrf, ...colleague() }).toString(),
    });
    assert.equal(response.statusCode, 403);
    assert.equal(await count('people'), before);
  });

  it('accepts the form with its token from the same origin', async () => {
    const browser = await referentBrowser();
    const before = await count('people');
    const person = colleague();
    const response = await browser.post('/mon-espace/personnes', person, { origin: 'http://localhost:3000' });
    assert.equal(response.statusCode, 303);
    assert.match(response.headers.location as string, /^\/mon-espace/);
    assert.equal(await count('people'), before + 1);
    const [row] = await queryRows<{ organisation_id: string }>(
      db,
      sql`select organisation_id from people where email = ${person.email}`,
    );
    assert.equal(row?.organisation_id, organisation.id);
  });

  it('lets the API work with a Bearer token and no CSRF token', async () => {
    const before = await count('organisations');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: auth,
      payload: { name: 'Institut franco-japonais', kind: 'institution' },
    });
    assert.equal(response.statusCode, 201);
    assert.equal(await count('organisations'), before + 1);
  });

  it('refuses an API call from another site (Origin) with 403 in JSON, writing nothing', async () => {
    const before = await count('organisations');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { ...auth, origin: 'https://attaquant.example.net' },
      payload: { name: 'Institut fantôme', kind: 'institution' },
    });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().error.code, 'csrf');
    assert.match(response.json().error.message, /vient d’un autre site/);
    assert.equal(await count('organisations'), before);
  });
});
