// The atlas, in Chromium: the public asks « qui travaille sur l’eau au Sénégal ? » and gets the local
// governments that do, then opens a directory and is told how to get it whole; a member of a local government
// in good standing searches, reads the full directory and downloads its PDF; on a phone, the search and the
// maps fit the screen. Each page is checked by axe-core.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  assertNoAxeViolation,
  demoStaff,
  expectHeading,
  phoneOverflow,
  type RunningApp,
  signIn,
  startApp,
} from './support.ts';

/** A fictional élue of Angers, a member in good standing in the demo. */
const member = 'helene.garnier@angers.example.org';

describe('atlas, in the browser', () => {
  let app: RunningApp;
  const contexts: BrowserContext[] = [];
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await app?.stop();
  });

  async function newPage(phone = false): Promise<Page> {
    const context = await app.newContext({ bypassCSP: true, phone });
    contexts.push(context);
    return context.newPage();
  }

  it('the public asks a question and is answered with who; a directory shows its summary and how to order it', async () => {
    const page = await newPage();
    await page.goto('/atlas');
    await expectHeading(page, 'Atlas des partenariats de coopération décentralisée');
    // The map's countries are links to their directories, and the table says the same in words.
    assert.ok(
      await page.locator('svg a[href="/repertoires/JP"]').count(),
      'le Japon est un lien de la carte',
    );
    await assertNoAxeViolation(page, 'atlas');
    await page.getByLabel('Votre question ou des mots').fill('qui travaille sur l’eau au Sénégal ?');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expectHeading(page, 'Atlas des partenariats de coopération décentralisée');
    const main = await page.getByRole('main').innerText();
    assert.match(main, /Nous avons compris : thème « Eau et assainissement », pays « Sénégal »/);
    assert.match(main, /\d+ partenariats? trouvés?/);
    assert.match(main, /Sénégal/);
    assert.doesNotMatch(main, /Japon,/);
    assert.match(main, /connectez-vous pour voir les personnes à contacter/);
    assert.equal(await page.getByLabel('Pays').inputValue(), 'SN');
    await assertNoAxeViolation(page, 'atlas, réponse à une question');

    await page.goto('/repertoires');
    await expectHeading(page, 'Répertoires des partenariats par pays');
    await assertNoAxeViolation(page, 'répertoires');
    await page.getByRole('link', { name: 'Madagascar', exact: true }).first().click();
    await expectHeading(page, 'Répertoire des partenariats de coopération décentralisée — Madagascar');
    const summary = await page.getByRole('main').innerText();
    assert.match(summary, /gratuit pour les collectivités adhérentes/);
    assert.match(summary, /Erada/);
    assert.doesNotMatch(summary, /Récap’Alimentaire Madagascar \(2023/, 'the projects are for members');
    assert.equal(await page.getByRole('link', { name: /Télécharger le répertoire en PDF/ }).count(), 0);
    const refused = await page.request.get('/repertoires/MG.pdf');
    assert.equal(refused.status(), 403);
    await assertNoAxeViolation(page, 'un répertoire, public');
    await page.goto('/publications');
    await expectHeading(page, 'Publications');
    assert.match(
      await page.getByRole('main').innerText(),
      /Guide sur l’action internationale des collectivités territoriales en période pré-électorale/,
    );
    await assertNoAxeViolation(page, 'publications');
  });

  it('a member reads the whole directory, with its projects, and downloads its PDF', async () => {
    const page = await newPage();
    await signIn(app, page, member);
    await page.goto('/atlas');
    await page.getByLabel('Votre question ou des mots').fill('Récap’Alimentaire');
    await page.getByRole('button', { name: 'Chercher' }).click();
    const main = await page.getByRole('main').innerText();
    assert.match(main, /3 partenariats trouvés/);
    assert.match(main, /Nouvelle-Aquitaine/);
    await page.goto('/repertoires/MG');
    const directory = await page.getByRole('main').innerText();
    assert.match(directory, /Récap’Alimentaire Madagascar \(2023–2026\) — 1\s800\s000,00\s€/);
    assert.match(directory, /cofinancé par DCTCIV, Nouvelle-Aquitaine, Ille-et-Vilaine, Mamoudzou, Mayotte/);
    const download = page.getByRole('link', { name: 'Télécharger le répertoire en PDF' });
    assert.equal(await download.getAttribute('href'), '/repertoires/MG.pdf');
    const pdf = await page.request.get('/repertoires/MG.pdf');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await assertNoAxeViolation(page, 'un répertoire, adhérent');
  });

  it('the staff’s atlas pages pass axe: the list, a partnership, directories, publications, import', async () => {
    const page = await newPage();
    await signIn(app, page, demoStaff);
    await page.goto('/gestion/atlas');
    await expectHeading(page, 'Atlas des partenariats');
    await assertNoAxeViolation(page, 'atlas, gestion');
    await page.goto(`/gestion/atlas?q=${encodeURIComponent('Shizuoka')}`);
    await page.getByRole('link', { name: 'Cannes', exact: true }).first().click();
    assert.match(await page.getByRole('main').innerText(), /Shizuoka/);
    await assertNoAxeViolation(page, 'un partenariat, gestion');
    for (const [path, label] of [
      ['/gestion/atlas/partenariats/nouveau', 'nouveau partenariat'],
      ['/gestion/atlas/repertoires', 'répertoires, gestion'],
      ['/gestion/atlas/repertoires/JP', 'introduction d’un répertoire'],
      ['/gestion/atlas/publications', 'publications, gestion'],
      ['/gestion/atlas/import', 'import'],
      ['/gestion/atlas/contributions', 'contributions'],
    ] as const) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 200, path);
      await assertNoAxeViolation(page, label);
    }
  });

  it('on a phone, the search, its answers and the maps fit the screen', async () => {
    const page = await newPage(true);
    await page.goto('/atlas');
    assert.equal(await phoneOverflow(page), 0, 'l’atlas tient dans la largeur du téléphone');
    await page.goto(`/atlas?q=${encodeURIComponent('jeunesse Japon')}`);
    assert.equal(await phoneOverflow(page), 0, 'les réponses tiennent dans la largeur du téléphone');
    await assertNoAxeViolation(page, 'atlas, téléphone');
  });
});
