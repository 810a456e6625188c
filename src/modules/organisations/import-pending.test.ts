import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { site } from '../index.ts';
import { applyImport, getImport, prepareImport } from './import.ts';

describe('imports left with refused lines, on the staff’s home and the import page', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);
  const browser = new Browser(app);
  browser.jar.store({
    cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
  });
  const pending = async () =>
    (await site.attention(db, new Date())).find((i) => i.href === '/gestion/import')?.count ?? 0;
  const csv = (email: string) =>
    Buffer.from(
      `prénom;nom;email;type\nAnne;Leroy;${email};technicienne\nPaul;Faure;pas-une-adresse;technicien\n`,
    );

  it('counts an import not applied that has refused lines, lists it, and forgets it once abandoned', async () => {
    const preview = await prepareImport(db, 'people', 'liste.csv', csv('anne.leroy@example.org'), staff.id);
    assert.ok(preview.ok);
    assert.equal(await pending(), 1);
    const page = await browser.get('/gestion/import');
    assert.match(page.body, /Imports en attente de confirmation/);
    assert.match(page.body, new RegExp(`href="/gestion/import/${preview.value.id}"`));
    const abandoned = await browser.post(`/gestion/import/${preview.value.id}/abandonner`, {});
    assert.equal(abandoned.statusCode, 303);
    assert.equal(await getImport(db, preview.value.id), undefined);
    assert.equal(await pending(), 0);
  });

  it('no longer counts an import once applied, and refuses to abandon it (409)', async () => {
    const preview = await prepareImport(db, 'people', 'liste.csv', csv('eva.blanc@example.org'), staff.id);
    assert.ok(preview.ok);
    assert.equal(await pending(), 1);
    assert.ok((await applyImport(db, preview.value.id, staff.id)).ok);
    assert.equal(await pending(), 0);
    await browser.get('/gestion/import');
    const refused = await browser.post(`/gestion/import/${preview.value.id}/abandonner`, {});
    assert.equal(refused.statusCode, 409);
    assert.ok(await getImport(db, preview.value.id));
  });
});
