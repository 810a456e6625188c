// The pages are plain HTML forms: everything works in a browser where JavaScript is turned off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoStaff, type RunningApp, signIn, startApp, thisYear } from './support.ts';

describe('without JavaScript', () => {
  let app: RunningApp;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.stop();
  });

  it('a page works without JavaScript', async () => {
    const context = await app.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();

    await signIn(app, page, demoStaff);
    assert.equal(await page.locator('script').count(), 0, 'la page ne devrait porter aucun script');

    // A member of last year renews for this year.
    await page.getByRole('link', { name: 'Gestion' }).click();
    await page.getByRole('link', { name: 'Renouvellements' }).click();
    await page.getByRole('heading', { level: 1, name: `Renouvellements ${thisYear}` }).waitFor();
    await page.getByRole('link', { name: 'Savigny-le-Temple', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Savigny-le-Temple' }).waitFor();
    const main = page.getByRole('main');
    assert.match(squash(await main.innerText()), new RegExp(`Adhérente en ${thisYear} Non`));

    assert.equal(
      await page.getByRole('spinbutton', { name: 'Année (obligatoire)' }).inputValue(),
      String(thisYear),
    );
    await page.getByLabel('Cotisation (en euros)').fill('1 500');
    await page.getByLabel('Payée le').fill(`${thisYear}-01-23`);
    await page.getByRole('button', { name: 'Enregistrer l’adhésion' }).click();

    assert.equal(squash(await page.getByRole('status').innerText()), 'Adhésion enregistrée.');
    const rows = await page
      .getByRole('table', { name: 'Adhésions par année' })
      .locator('tbody tr')
      .allInnerTexts();
    assert.deepEqual(rows.map(squash), [
      `${thisYear} À jour 1 500,00 € 23 janvier ${thisYear}`,
      `${thisYear - 1} À jour 1 500,00 € 15 mars ${thisYear - 1}`,
    ]);
    assert.match(
      squash(await main.innerText()),
      new RegExp(`Adhérente en ${thisYear} Oui, à jour de sa cotisation`),
    );

    // Savigny-le-Temple is no longer due for renewal.
    await page.goto('/gestion/adhesions/renouvellement');
    assert.equal(await page.getByRole('link', { name: 'Savigny-le-Temple', exact: true }).count(), 0);

    // And a mistake is explained on the page itself, without any script.
    await page.goto('/gestion/organisations?q=Voiron');
    await page.getByRole('link', { name: 'Voiron' }).click();
    await page.getByLabel('Cotisation (en euros)').fill('mille euros');
    await page.getByRole('button', { name: 'Enregistrer l’adhésion' }).click();
    await page.getByRole('heading', { name: 'Le formulaire contient des erreurs' }).waitFor();
    assert.equal(
      squash(await page.getByRole('alert').innerText()),
      'Le formulaire contient des erreurs Montant illisible : écrivez par exemple 1250 ou 1 250,50.',
    );
    assert.equal(await page.getByLabel('Cotisation (en euros)').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Cotisation (en euros)').inputValue(), 'mille euros');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    assert.equal(squash(await page.getByRole('status').innerText()), 'Vous êtes déconnecté·e.');
    await page.goto('/mon-espace');
    await page.getByRole('heading', { level: 1, name: 'Se connecter' }).waitFor();

    await context.close();
  });
});

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
