import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildStaff, sessionCookie } from '../../../tests/factories.ts';
import { Browser, testApp } from '../../../tests/helpers.ts';
import { renderMarkdown } from './markdown.ts';
import { currentText, restoreText, saveText, textHistory } from './texts.ts';

// The home page's introduction, as the home module declares it (its key is what links the two).
const homeIntro = { key: 'home.intro', label: 'Accueil', where: 'accueil', default: 'Texte d’origine' };

describe('the texts of the site', async () => {
  const { app, db } = await testApp({ after });
  const staff = await buildStaff(db);

  it('renders a safe Markdown: HTML escaped, no script link, headings below the page’s title', () => {
    const html = renderMarkdown(
      '# Intertitre\n\n**Bienvenue** à [Cités Unies France](https://cites-unies-france.org).\n\n<script>alert(1)</script>\n\n[piège](javascript:alert(1))',
    );
    assert.match(html, /<h2>Intertitre<\/h2>/);
    assert.match(html, /<strong>Bienvenue<\/strong>/);
    assert.match(html, /<a href="https:\/\/cites-unies-france.org">Cités Unies France<\/a>/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /&lt;script&gt;/);
    assert.doesNotMatch(html, /href="javascript/);
  });

  it('keeps every version and puts an old one back as a new version', async () => {
    assert.equal(await currentText(db, homeIntro), homeIntro.default);
    const first = await saveText(db, homeIntro, { body: 'Première version' }, staff.id);
    await saveText(db, homeIntro, { body: 'Deuxième version' }, staff.id);
    assert.deepEqual(await saveText(db, homeIntro, { body: 'Deuxième version' }, staff.id), {
      ok: true,
      value: { saved: false },
    });
    assert.equal(await currentText(db, homeIntro), 'Deuxième version');
    assert.ok(first.ok);
    await restoreText(db, homeIntro, first.value.versionId!, staff.id);
    assert.equal(await currentText(db, homeIntro), 'Première version');
    assert.deepEqual(
      (await textHistory(db, homeIntro.key)).map((v) => v.body),
      ['Première version', 'Deuxième version', 'Première version'],
    );
    const empty = await saveText(db, homeIntro, { body: '   ' }, staff.id);
    assert.equal(empty.ok, false);
  });

  it('lets staff preview, save and see the text on the home page, escaped', async () => {
    const browser = new Browser(app);
    browser.jar.store({
      cookies: [{ name: 'coopdec_session', value: (await sessionCookie(db, staff)).split('=')[1]! }],
    });
    await browser.get('/gestion/textes/home.intro');
    const body = 'Le **réseau** vous accueille. <img src=x onerror=alert(1)>';
    const preview = await browser.post('/gestion/textes/home.intro', { body, action: 'preview' });
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Aperçu \(non enregistré\)/);
    assert.doesNotMatch((await app.inject({ url: '/' })).body, /vous accueille/, 'a preview saves nothing');
    const saved = await browser.post('/gestion/textes/home.intro', { body, action: 'save' });
    assert.equal(saved.statusCode, 303);
    const home = (await app.inject({ url: '/' })).body;
    assert.match(home, /Le <strong>réseau<\/strong> vous accueille\. &lt;img src=x onerror=alert\(1\)&gt;/);
    const refused = await browser.post('/gestion/textes/home.intro', { body: '', action: 'save' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /ne peut pas être vide/);
  });
});
