// A newcomer in the network's team, in a real browser: sign in by emailed link, then the first day's work.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoStaff, type RunningApp, signIn, startApp, thisYear } from './support.ts';

const header = 'prénom;nom;email;type;organisation;mandat;début du mandat';
const goodLines = [
  'Camille;Martin;camille.martin@nancy.example.org;élue;Nancy;adjointe au maire déléguée à l’international;15/03/2026',
  'Hugo;Bernard;hugo.bernard@nancy.example.org;technicien;Nancy;;',
  'Léa;Thomas;lea.thomas@nancy.example.org;technicienne;Nancy;;',
  'Lucas;Petit;lucas.petit@nancy.example.org;partenaire;Nancy;;',
  'Chloé;Robert;chloe.robert@lyon.example.org;élue;Lyon;conseillère municipale;2026-03-22',
  'Gabriel;Richard;gabriel.richard@lyon.example.org;technicien;Lyon;;',
  'Manon;Durand;manon.durand@lyon.example.org;technicienne;Lyon;;',
  'Arthur;Dubois;arthur.dubois@bordeaux.example.org;élu;Bordeaux;adjoint au maire;22/03/2026',
  'Jade;Moreau;jade.moreau@bordeaux.example.org;technicienne;Bordeaux;;',
  'Louis;Simon;louis.simon@bordeaux.example.org;partenaire;;;',
  'Emma;Laurent;emma.laurent@dijon.example.org;élue;Dijon;vice-présidente;01/04/2026',
  'Raphaël;Lefebvre;raphael.lefebvre@dijon.example.org;technicien;Dijon;;',
  'Alice;Michel;alice.michel@poitiers.example.org;technicienne;Poitiers;;',
  'Jules;Garcia;jules.garcia@poitiers.example.org;élu;Poitiers;conseiller municipal délégué;22/03/2026',
  'Rose;David;rose.david@cannes.example.org;technicienne;Cannes;;',
  'Adam;Bertrand;adam.bertrand@cannes.example.org;technicien;Cannes;;',
  'Louise;Roux;louise.roux@aude.example.org;élue;Aude;vice-présidente du conseil départemental;02/07/2026',
  'Noah;Vincent;noah.vincent@aude.example.org;technicien;Aude;;',
];
// Lines 6 and 13 of the file (the header is line 1).
const badEmail = 'Tom;Fournier;pas-une-adresse;technicien;Nancy;;';
const badKind = 'Zoé;Morel;zoe.morel@nancy.example.org;astronaute;Nancy;;';
const csv = `${[header, ...goodLines.slice(0, 4), badEmail, ...goodLines.slice(4, 10), badKind, ...goodLines.slice(10)].join('\n')}\n`;

describe('a newcomer in the network’s team', () => {
  let app: RunningApp;
  let dir: string;
  before(async () => {
    app = await startApp();
    dir = await mkdtemp(join(tmpdir(), 'coopdec-e2e-'));
  });
  after(async () => {
    await app?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a newcomer signs in as demo staff, adds Nancy from the reference, an élue with her mandate, the 2026 membership, and imports 20 people with 2 refused lines', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    const main = page.getByRole('main');

    await signIn(app, page, demoStaff);
    await assertText(page.getByRole('banner'), 'Claire Dubois');

    // Adds Nancy from the official reference.
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Gestion' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Gestion du réseau' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Gestion' })
      .getByRole('link', { name: 'Organisations' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
    await page.getByRole('link', { name: 'Ajouter une organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ajouter une organisation' }).waitFor();
    await page.getByLabel('Nom de la collectivité').fill('Nancy');
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('button', { name: 'Ajouter Nancy — commune (54)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nancy' }).waitFor();
    await assertText(page.getByRole('status'), 'Organisation ajoutée.');
    await assertText(main, 'Commune');
    await assertText(main, '54395');
    await assertText(main, 'Aucune adhésion enregistrée.');
    await assertText(main, 'Aucune personne enregistrée.');

    // An élue with her mandate.
    await page.getByRole('textbox', { name: 'Prénom (obligatoire)' }).fill('Mathilde');
    await page.getByRole('textbox', { name: 'Nom (obligatoire)', exact: true }).fill('Girard');
    await page
      .getByRole('textbox', { name: 'Adresse électronique (obligatoire)' })
      .fill('mathilde.girard@nancy.example.org');
    await page.getByRole('combobox', { name: 'Type (obligatoire)' }).selectOption({ label: 'Élu ou élue' });
    await page
      .getByLabel('Intitulé du mandat')
      .fill('adjointe au maire déléguée aux relations internationales');
    await page.getByLabel('Début du mandat').fill('2026-03-22');
    await page.getByRole('button', { name: 'Ajouter la personne' }).click();
    await assertText(page.getByRole('status'), 'Personne ajoutée.');
    const people = page.getByRole('table', { name: 'Personnes' });
    await assertText(people, 'Mathilde Girard');
    await assertText(people, 'Élu ou élue');
    await assertText(people, 'mathilde.girard@nancy.example.org');

    await page.getByRole('link', { name: 'Mathilde Girard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mathilde Girard' }).waitFor();
    await assertText(
      main,
      'adjointe au maire déléguée aux relations internationales — Nancy, depuis le 22 mars 2026 (en cours)',
    );
    await page.getByRole('link', { name: '← Nancy' }).click();

    // This year's membership (2026 on the day this was written): the year and « À jour » come by default.
    const year = page.getByRole('spinbutton', { name: 'Année (obligatoire)' });
    assert.equal(await year.inputValue(), String(thisYear));
    const status = page.getByRole('combobox', { name: 'Statut (obligatoire)' });
    assert.equal(await status.locator('option:checked').textContent(), 'À jour');
    await page.getByLabel('Cotisation (en euros)').fill('1 250,50');
    await page.getByLabel('Payée le').fill(`${thisYear}-01-20`);
    await page.getByRole('button', { name: 'Enregistrer l’adhésion' }).click();
    await assertText(page.getByRole('status'), 'Adhésion enregistrée.');
    const memberships = page.getByRole('table', { name: 'Adhésions par année' });
    const row = memberships.getByRole('row').nth(1);
    assert.equal(
      (await row.innerText()).replace(/\s+/g, ' ').trim(),
      `${thisYear} À jour 1 250,50 € 20 janvier ${thisYear}`,
    );
    await assertText(main, 'Oui, à jour de sa cotisation');

    // Imports 20 people, two of them refused with their reason.
    const file = join(dir, 'personnes.csv');
    await writeFile(file, csv);
    await page.getByRole('link', { name: 'Gestion' }).click();
    await page.getByRole('navigation', { name: 'Gestion' }).getByRole('link', { name: 'Importer' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Importer des organisations ou des personnes' })
      .waitFor();
    assert.equal(await page.getByLabel('Des personnes').isChecked(), true);
    await page.getByLabel('Fichier', { exact: true }).setInputFiles(file);
    await page.getByRole('button', { name: 'Prévisualiser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import de personnes' }).waitFor();
    await assertText(main, 'Fichier : personnes.csv');
    await assertText(page.getByRole('status'), '18 ligne(s) acceptée(s), 2 ligne(s) refusée(s).');
    const refused = page.getByRole('table', { name: 'Lignes refusées et pourquoi' });
    assert.deepEqual(await rowsOf(refused), [
      ['6', 'email : Adresse électronique invalide'],
      ['13', 'type « astronaute » inconnu (attendu : élu, technicien ou partenaire)'],
    ]);
    const accepted = page.getByRole('table', { name: 'Lignes qui seront enregistrées' });
    assert.equal(await accepted.getByRole('row').count(), 1 + 18);
    await assertText(accepted, 'Camille Martin <camille.martin@nancy.example.org>');
    await page.getByRole('button', { name: 'Enregistrer 18 personnes' }).click();
    await assertText(page.getByRole('status').first(), '18 personnes enregistrées.');
    await assertText(main, 'Import effectué.');

    // The imported people are there, with their organisation and mandate.
    await page.goto('/gestion/organisations?q=Nancy');
    await page.getByRole('link', { name: 'Nancy', exact: true }).click();
    const nancyPeople = page.getByRole('table', { name: 'Personnes' });
    for (const name of ['Mathilde Girard', 'Camille Martin', 'Hugo Bernard', 'Léa Thomas', 'Lucas Petit'])
      await assertText(nancyPeople, name);
    assert.equal(await nancyPeople.getByRole('row').count(), 1 + 5);
    await page.getByRole('link', { name: 'Camille Martin' }).click();
    await assertText(main, 'adjointe au maire déléguée à l’international — Nancy, depuis le 15 mars 2026');

    await context.close();
  });
});

/** Fails unless the element's visible text contains `text` (spaces compared loosely). */
async function assertText(locator: import('playwright-core').Locator, text: string) {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const visible = await locator.innerText({ timeout: 5_000 }).catch(async (error: Error) => {
    const page = locator.page();
    const shown = await page.locator('body').innerText();
    throw new Error(`${error.message}\n« ${text} » attendu ; la page ${page.url()} montre :\n${shown}`);
  });
  assert.ok(squash(visible).includes(squash(text)), `« ${text} » attendu dans :\n${visible}`);
}

async function rowsOf(table: import('playwright-core').Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  return Promise.all(
    rows.map(async (r) => (await r.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())),
  );
}
